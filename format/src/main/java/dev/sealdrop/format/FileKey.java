package dev.sealdrop.format;

import java.security.SecureRandom;
import java.util.Arrays;

import javax.security.auth.Destroyable;

/**
 * The 32-byte file key of one archive (FORMAT.md §1, §5.2): wrapped for each recipient, and the
 * input from which the payload, name and digest keys are derived. {@link #destroy()} overwrites
 * it; afterwards every accessor throws {@link IllegalStateException}. Never printed.
 */
public final class FileKey implements Destroyable {

	static final int LENGTH = 32;

	private static final SecureRandom RANDOM = new SecureRandom();

	private final byte[] key;

	private volatile boolean destroyed;

	private FileKey(byte[] key) {
		this.key = key;
	}

	/** A fresh key from a {@link SecureRandom}. */
	public static FileKey generate() {
		byte[] key = new byte[LENGTH];
		RANDOM.nextBytes(key);
		return new FileKey(key);
	}

	/**
	 * A key from its bytes, which are copied.
	 * @throws IllegalArgumentException unless exactly 32 bytes are given
	 */
	public static FileKey of(byte[] key32) {
		if (key32 == null || key32.length != LENGTH) {
			throw new IllegalArgumentException("a file key is " + LENGTH + " bytes");
		}
		return new FileKey(key32.clone());
	}

	/** A copy of the key, which the caller should wipe after use; meant for the server's storage wrapping. */
	public byte[] bytes() {
		if (destroyed) {
			throw new IllegalStateException("this file key has been destroyed");
		}
		return key.clone();
	}

	@Override
	public void destroy() {
		destroyed = true;
		Arrays.fill(key, (byte) 0);
	}

	@Override
	public boolean isDestroyed() {
		return destroyed;
	}

	@Override
	public String toString() {
		return "FileKey[redacted]";
	}

}
