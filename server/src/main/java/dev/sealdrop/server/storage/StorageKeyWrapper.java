package dev.sealdrop.server.storage;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Wraps each stored file's 32-byte file key under the storage master key before it goes into the
 * database, so a database dump alone opens nothing. AES-256-GCM with a random 96-bit nonce; the
 * additional data is the file id, so a wrapped key copied onto another file's row does not open.
 * <p>
 * Text form: base64 of {@code 0x01 || nonce (12) || ciphertext (32) || tag (16)}; the leading
 * version byte leaves room for a later master-key rotation scheme.
 */
public final class StorageKeyWrapper {

	private static final byte VERSION = 1;

	private static final int NONCE = 12;

	private static final int KEY = 32;

	private static final int TAG = 16;

	private static final int WRAPPED = 1 + NONCE + KEY + TAG;

	private final SecretKey masterKey;

	private final SecureRandom random;

	/** @param masterKey 32 bytes; copied */
	public StorageKeyWrapper(byte[] masterKey, SecureRandom random) {
		if (masterKey == null || masterKey.length != KEY) {
			throw new IllegalArgumentException("the storage master key must be 32 bytes");
		}
		this.masterKey = new SecretKeySpec(masterKey, "AES");
		this.random = random;
	}

	/** Wraps a 32-byte file key for the file {@code fileId}. */
	public String wrap(byte[] fileKey, String fileId) {
		if (fileKey == null || fileKey.length != KEY) {
			throw new IllegalArgumentException("a file key is 32 bytes");
		}
		byte[] out = new byte[WRAPPED];
		out[0] = VERSION;
		byte[] nonce = new byte[NONCE];
		this.random.nextBytes(nonce);
		System.arraycopy(nonce, 0, out, 1, NONCE);
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, this.masterKey, new GCMParameterSpec(TAG * 8, nonce));
			cipher.updateAAD(fileId.getBytes(StandardCharsets.UTF_8));
			cipher.doFinal(fileKey, 0, KEY, out, 1 + NONCE);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM is not available", ex);
		}
		return Base64.getEncoder().encodeToString(out);
	}

	/**
	 * Unwraps the file key stored for {@code fileId}. The caller should zero the returned array once
	 * it has made a key of it.
	 * @throws StoredKeyException if the text is not a wrapped key or does not authenticate for this
	 * file id under this master key (tampering, a row moved, or a different master key)
	 */
	public byte[] unwrap(String wrapped, String fileId) {
		byte[] in;
		try {
			in = Base64.getDecoder().decode(wrapped);
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			throw new StoredKeyException("stored file key of " + fileId + " is not valid base64");
		}
		if (in.length != WRAPPED || in[0] != VERSION) {
			throw new StoredKeyException("stored file key of " + fileId + " has an unknown layout");
		}
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, this.masterKey, new GCMParameterSpec(TAG * 8, in, 1, NONCE));
			cipher.updateAAD(fileId.getBytes(StandardCharsets.UTF_8));
			return cipher.doFinal(in, 1 + NONCE, KEY + TAG);
		}
		catch (javax.crypto.AEADBadTagException ex) {
			throw new StoredKeyException("stored file key of " + fileId
					+ " does not authenticate under the storage master key");
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM is not available", ex);
		}
		finally {
			Arrays.fill(in, (byte) 0);
		}
	}

}
