package dev.sealdrop.format;

import java.util.Arrays;
import java.util.Objects;

/**
 * One recipient stanza's cryptographic content (FORMAT.md §5.1): whose key it is for, the HPKE
 * encapsulated key {@code enc} (an uncompressed P-384 point, 97 bytes) and the HPKE ciphertext of
 * the file key (48 bytes). Lengths are not checked here, so a parser can build one from whatever an
 * archive holds; {@link HpkeKeyWrap#unwrap} checks them. The arrays are copied in and out.
 */
record WrappedKey(Fingerprint recipient, byte[] enc, byte[] encryptedKey) {

	static final int ENC_LENGTH = P384.POINT_BYTES;

	static final int ENCRYPTED_KEY_LENGTH = FileKey.LENGTH + 16;

	WrappedKey {
		Objects.requireNonNull(recipient, "recipient");
		enc = enc.clone();
		encryptedKey = encryptedKey.clone();
	}

	@Override
	public byte[] enc() {
		return enc.clone();
	}

	@Override
	public byte[] encryptedKey() {
		return encryptedKey.clone();
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof WrappedKey that && recipient.equals(that.recipient) && Arrays.equals(enc, that.enc)
				&& Arrays.equals(encryptedKey, that.encryptedKey);
	}

	@Override
	public int hashCode() {
		return Objects.hash(recipient, Arrays.hashCode(enc), Arrays.hashCode(encryptedKey));
	}

	@Override
	public String toString() {
		return "WrappedKey[" + recipient + "]";
	}

}
