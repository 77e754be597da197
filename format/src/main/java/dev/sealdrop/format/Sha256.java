package dev.sealdrop.format;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 fed in slices: HotSpot's SHA-256 intrinsic runs only when the JDK's compression loop is
 * called from compiled code, and one {@code update} per 1 MiB chunk never gets it compiled (see
 * {@link Gcm}).
 */
final class Sha256 {

	private Sha256() {
	}

	static MessageDigest newDigest() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static void update(MessageDigest digest, byte[] data, int off, int len) {
		java.util.Objects.checkFromIndexSize(off, len, data.length);
		for (int p = 0; p < len; p += Gcm.SLICE) {
			digest.update(data, off + p, Math.min(Gcm.SLICE, len - p));
		}
	}

	static byte[] of(byte[] data, int off, int len) {
		MessageDigest digest = newDigest();
		update(digest, data, off, len);
		return digest.digest();
	}

}
