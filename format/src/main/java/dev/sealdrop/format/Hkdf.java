package dev.sealdrop.format;

import java.security.GeneralSecurityException;
import java.util.Arrays;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HKDF with HMAC-SHA256 (RFC 5869), the key derivation of FORMAT.md §5.2 and §12. */
final class Hkdf {

	private static final int HASH_LENGTH = 32;

	private Hkdf() {
	}

	/**
	 * Extract-then-expand.
	 * @param salt null or empty means HashLen zero bytes, as RFC 5869 §2.2 says
	 * @param info null means empty
	 * @param length 0 .. 255 · 32 bytes
	 */
	static byte[] sha256(byte[] ikm, byte[] salt, byte[] info, int length) {
		if (length < 0 || length > 255 * HASH_LENGTH) {
			throw new IllegalArgumentException("HKDF-SHA256 output length must be 0 .. 8160");
		}
		// An empty HMAC key is the same as HashLen zeros (HMAC pads keys with zeros), but the JCA
		// refuses empty keys, so the zeros are spelled out.
		byte[] extractKey = (salt == null || salt.length == 0) ? new byte[HASH_LENGTH] : salt;
		byte[] prk = hmac(extractKey, ikm);
		try {
			return expand(prk, info == null ? new byte[0] : info, length);
		}
		finally {
			Arrays.fill(prk, (byte) 0);
		}
	}

	private static byte[] expand(byte[] prk, byte[] info, int length) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(prk, "HmacSHA256"));
			byte[] out = new byte[length];
			byte[] block = new byte[0];
			for (int offset = 0, counter = 1; offset < length; counter++) {
				mac.update(block);
				mac.update(info);
				mac.update((byte) counter);
				block = mac.doFinal();
				int n = Math.min(HASH_LENGTH, length - offset);
				System.arraycopy(block, 0, out, offset, n);
				offset += n;
			}
			Arrays.fill(block, (byte) 0);
			return out;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

	private static byte[] hmac(byte[] key, byte[] data) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			return mac.doFinal(data);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

}
