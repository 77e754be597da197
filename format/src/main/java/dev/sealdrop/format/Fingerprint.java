package dev.sealdrop.format;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The fingerprint of a public key (FORMAT.md §3.2): SHA-256 of its SubjectPublicKeyInfo DER in the
 * normalized form (named curve OID, uncompressed point), written {@code sha256:<64 lowercase hex>}.
 * Its first 16 hex digits are the key id ({@link #kid()}). Immutable; equal by value.
 */
public final class Fingerprint {

	private static final String PREFIX = "sha256:";

	private static final int LENGTH = 32;

	private final byte[] bytes;

	private Fingerprint(byte[] bytes) {
		this.bytes = bytes;
	}

	/**
	 * The fingerprint of an SPKI encoding. The bytes are hashed as given, so they must be the
	 * normalized encoding, as {@link Recipient#spki()} returns it; to fingerprint a key from
	 * elsewhere, parse it into a {@link Recipient} first.
	 */
	public static Fingerprint of(byte[] spkiDer) {
		try {
			return new Fingerprint(MessageDigest.getInstance("SHA-256").digest(spkiDer));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	/**
	 * Parses the text form {@code sha256:<64 lowercase hex>}.
	 * @throws InvalidKeyException if the text is anything else
	 */
	public static Fingerprint parse(String text) throws InvalidKeyException {
		if (text == null || !text.startsWith(PREFIX) || text.length() != PREFIX.length() + 2 * LENGTH) {
			throw new InvalidKeyException("not a key fingerprint: expected sha256: and 64 lowercase hex digits");
		}
		try {
			return new Fingerprint(Hex.decode(text.substring(PREFIX.length())));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidKeyException("not a key fingerprint: expected sha256: and 64 lowercase hex digits");
		}
	}

	/** The 32 digest bytes (a copy). */
	public byte[] bytes() {
		return bytes.clone();
	}

	/** The key id: the first 16 hex digits of the fingerprint. */
	public String kid() {
		return Hex.encode(Arrays.copyOf(bytes, 8));
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof Fingerprint that && Arrays.equals(bytes, that.bytes);
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(bytes);
	}

	/** The text form, {@code sha256:<64 hex>}. */
	@Override
	public String toString() {
		return PREFIX + Hex.encode(bytes);
	}

}
