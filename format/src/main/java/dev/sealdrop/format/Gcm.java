package dev.sealdrop.format;

import java.security.GeneralSecurityException;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** AES-256-GCM with a 96-bit nonce and a 128-bit tag appended to the ciphertext (FORMAT.md §2). */
final class Gcm {

	static final int TAG_LENGTH = 16;

	static final int NONCE_LENGTH = 12;

	private Gcm() {
	}

	static byte[] seal(byte[] key, byte[] nonce, byte[] aad, byte[] plaintext, int off, int len) {
		try {
			Cipher cipher = cipher(Cipher.ENCRYPT_MODE, key, nonce, aad);
			return cipher.doFinal(plaintext, off, len);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-256-GCM is not available", ex);
		}
	}

	/** Returns the plaintext, or {@code null} if the ciphertext does not authenticate. */
	static byte[] open(byte[] key, byte[] nonce, byte[] aad, byte[] sealed, int off, int len) {
		if (len < TAG_LENGTH) {
			return null;
		}
		try {
			Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, nonce, aad);
			return cipher.doFinal(sealed, off, len);
		}
		catch (AEADBadTagException ex) {
			return null;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-256-GCM is not available", ex);
		}
	}

	// A fresh Cipher per message: the JDK refuses to reuse a (key, nonce) pair on one instance, and
	// each message here has its own nonce or its own single-use key anyway.
	private static Cipher cipher(int mode, byte[] key, byte[] nonce, byte[] aad) throws GeneralSecurityException {
		Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
		cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_LENGTH * 8, nonce));
		if (aad.length > 0) {
			cipher.updateAAD(aad);
		}
		return cipher;
	}

}
