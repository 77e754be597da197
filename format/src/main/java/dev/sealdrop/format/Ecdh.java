package dev.sealdrop.format;

import java.security.GeneralSecurityException;

import javax.crypto.KeyAgreement;

/**
 * Plain ECDH on P-384, for reading format 0 archives only (FORMAT.md §12), whose key-encryption key
 * is derived from the shared point's x-coordinate. v1 uses HPKE ({@link HpkeKeyWrap}).
 */
final class Ecdh {

	private Ecdh() {
	}

	/**
	 * The x-coordinate of {@code d_mine · Q_theirs} as 48 big-endian bytes. Both keys are already
	 * validated (a {@link Recipient} is on the curve and not infinity), so the agreement cannot
	 * legitimately fail; if the JCA does, that is a broken platform, reported as an
	 * {@link IllegalStateException}.
	 */
	static byte[] sharedSecretX(Identity mine, Recipient theirs) {
		try {
			KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
			agreement.init(mine.privateKey());
			agreement.doPhase(theirs.publicKey(), true);
			byte[] secret = agreement.generateSecret();
			if (secret.length == P384.FIELD_BYTES) {
				return secret;
			}
			// Left-pad: some providers drop leading zero bytes of x.
			byte[] padded = new byte[P384.FIELD_BYTES];
			System.arraycopy(secret, 0, padded, P384.FIELD_BYTES - secret.length, secret.length);
			java.util.Arrays.fill(secret, (byte) 0);
			return padded;
		}
		catch (GeneralSecurityException | RuntimeException ex) {
			throw new IllegalStateException("ECDH on P-384 failed", ex);
		}
	}

}
