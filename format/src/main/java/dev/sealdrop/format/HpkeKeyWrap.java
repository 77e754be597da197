package dev.sealdrop.format;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.hpke.HPKE;
import org.bouncycastle.crypto.hpke.HPKEContext;
import org.bouncycastle.crypto.hpke.HPKEContextWithEncapsulation;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;

/**
 * Wraps and unwraps the file key for one recipient (FORMAT.md §5.1): HPKE (RFC 9180) base mode
 * with DHKEM(P-384, HKDF-SHA384), HKDF-SHA256 and AES-256-GCM, through Bouncy Castle's
 * lightweight API. The HPKE info binds the format version and the recipient's fingerprint, so a
 * stanza cannot be replayed to another key or read by another version.
 */
final class HpkeKeyWrap {

	private static final byte[] LABEL = "sealdrop/v1 file-key".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] NO_AAD = new byte[0];

	private HpkeKeyWrap() {
	}

	/** Seals the file key to the recipient with a fresh ephemeral key. */
	static WrappedKey wrap(FileKey key, Recipient to) {
		HPKE hpke = suite();
		AsymmetricKeyParameter pkR = hpke.deserializePublicKey(to.point());
		HPKEContextWithEncapsulation context = hpke.setupBaseS(pkR, info(to.fingerprint()));
		byte[] fileKey = key.bytes();
		try {
			return new WrappedKey(to.fingerprint(), context.getEncapsulation(), context.seal(NO_AAD, fileKey));
		}
		catch (InvalidCipherTextException ex) {
			throw new IllegalStateException("HPKE seal failed", ex);
		}
		finally {
			Arrays.fill(fileKey, (byte) 0);
		}
	}

	/**
	 * Opens a stanza made for this identity.
	 * @throws IntegrityException if the stanza does not authenticate (tampered, truncated, or not
	 * made for this key although it names it)
	 * @throws IllegalArgumentException if the stanza names a different key: choosing the stanza is the caller's job
	 */
	static FileKey unwrap(WrappedKey stanza, Identity with) throws IntegrityException {
		if (!stanza.recipient().equals(with.fingerprint())) {
			throw new IllegalArgumentException("stanza for " + stanza.recipient() + " offered to " + with.fingerprint());
		}
		byte[] enc = stanza.enc();
		byte[] ciphertext = stanza.encryptedKey();
		if (enc.length != WrappedKey.ENC_LENGTH || ciphertext.length != WrappedKey.ENCRYPTED_KEY_LENGTH) {
			throw doesNotOpen(stanza, null);
		}
		try {
			// Bouncy Castle validates the point too, but the JDK-side check is the one the rest of
			// sealdrop relies on, so every point goes through it.
			P384.decodePoint(enc);
		}
		catch (InvalidKeyException ex) {
			throw doesNotOpen(stanza, ex);
		}
		HPKE hpke = suite();
		byte[] scalar = with.scalar();
		try {
			AsymmetricCipherKeyPair recipientKeys = hpke.deserializePrivateKey(scalar, with.recipient().point());
			HPKEContext context = hpke.setupBaseR(enc, recipientKeys, info(with.fingerprint()));
			byte[] plaintext = context.open(NO_AAD, ciphertext);
			try {
				if (plaintext.length != FileKey.LENGTH) {
					throw doesNotOpen(stanza, null);
				}
				return FileKey.of(plaintext);
			}
			finally {
				Arrays.fill(plaintext, (byte) 0);
			}
		}
		catch (InvalidCipherTextException | RuntimeException ex) {
			throw doesNotOpen(stanza, ex);
		}
		finally {
			Arrays.fill(scalar, (byte) 0);
		}
	}

	/** {@code "sealdrop/v1 file-key" || 0x00 || fingerprint} (53 bytes). */
	static byte[] info(Fingerprint recipient) {
		byte[] fingerprint = recipient.bytes();
		byte[] info = new byte[LABEL.length + 1 + fingerprint.length];
		System.arraycopy(LABEL, 0, info, 0, LABEL.length);
		System.arraycopy(fingerprint, 0, info, LABEL.length + 1, fingerprint.length);
		return info;
	}

	static HPKE suite() {
		return new HPKE(HPKE.mode_base, HPKE.kem_P384_SHA384, HPKE.kdf_HKDF_SHA256, HPKE.aead_AES_GCM256);
	}

	private static IntegrityException doesNotOpen(WrappedKey stanza, Throwable cause) {
		return new IntegrityException("recipient stanza for " + stanza.recipient() + " does not open", cause);
	}

}
