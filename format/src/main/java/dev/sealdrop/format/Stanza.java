package dev.sealdrop.format;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A recipient stanza as it appears in {@code metadata.json} (FORMAT.md §5.1): four strings. Of a
 * stanza with an unknown {@code key_wrap_method} only the method is kept, and it is never decoded;
 * {@link #toWrappedKey()} validates and decodes a known one.
 */
record Stanza(String method, String recipient, String encryptedKey, String ephemeralPublicKey) {

	static final String HPKE = "HPKE-P384-SHA256-AES256GCM";

	/** DER prefix of a P-384 SubjectPublicKeyInfo with the named-curve OID and a 97-byte uncompressed point. */
	private static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("3076301006072a8648ce3d020106052b81040022036200");

	private static final int POINT_LENGTH = 97;

	private static final int ENCRYPTED_KEY_LENGTH = 48;

	private static final String BEGIN = "-----BEGIN PUBLIC KEY-----\n";

	private static final String END = "-----END PUBLIC KEY-----\n";

	static Stanza of(WrappedKey key) {
		return new Stanza(HPKE, key.recipient().toString(), Base64Strict.encode(key.encryptedKey()), pem(key.enc()));
	}

	/** A stanza of the exact length of a real one, for computing archive lengths. */
	static Stanza placeholder() {
		return new Stanza(HPKE, "sha256:" + "0".repeat(64), Base64Strict.encode(new byte[ENCRYPTED_KEY_LENGTH]),
				pem(new byte[POINT_LENGTH]));
	}

	/** A stanza of a method this version does not know: skipped by readers. */
	static Stanza unknown(String method) {
		return new Stanza(method, null, null, null);
	}

	boolean isKnownMethod() {
		return HPKE.equals(this.method);
	}

	/**
	 * Decodes a stanza of the known method.
	 * @throws MalformedArchiveException if a value is not in its one accepted encoding or the
	 * ephemeral key is not a valid P-384 point
	 */
	WrappedKey toWrappedKey(String where) throws MalformedArchiveException {
		Fingerprint fingerprint;
		try {
			fingerprint = Fingerprint.parse(this.recipient);
		}
		catch (InvalidKeyException ex) {
			throw new MalformedArchiveException(where + ": recipient is not a sha256 fingerprint");
		}
		byte[] encryptedKey;
		try {
			encryptedKey = Base64Strict.decode(this.encryptedKey);
		}
		catch (IllegalArgumentException ex) {
			throw new MalformedArchiveException(where + ": encrypted_key is " + ex.getMessage());
		}
		if (encryptedKey.length != ENCRYPTED_KEY_LENGTH) {
			throw new MalformedArchiveException(where + ": encrypted_key is not 48 bytes");
		}
		return new WrappedKey(fingerprint, point(where), encryptedKey);
	}

	private byte[] point(String where) throws MalformedArchiveException {
		String text = this.ephemeralPublicKey;
		String body = (text.startsWith(BEGIN) && text.endsWith(END) && text.length() > BEGIN.length() + END.length())
				? text.substring(BEGIN.length(), text.length() - END.length()) : null;
		byte[] der;
		try {
			der = Base64Strict.decode((body != null) ? body.replace("\n", "") : null);
		}
		catch (IllegalArgumentException ex) {
			throw new MalformedArchiveException(where + ": ephemeral_public_key is not a PEM public key");
		}
		// one spelling only: 64-column lines, \n line ends, the named-curve SPKI
		if (!pemOfDer(der).equals(text) || der.length != SPKI_PREFIX.length + POINT_LENGTH
				|| !Arrays.equals(SPKI_PREFIX, Arrays.copyOf(der, SPKI_PREFIX.length))) {
			throw new MalformedArchiveException(where + ": ephemeral_public_key is not a canonical P-384 SPKI PEM");
		}
		byte[] point = Arrays.copyOfRange(der, SPKI_PREFIX.length, der.length);
		try {
			Recipient.fromPoint(point);
		}
		catch (InvalidKeyException ex) {
			throw new MalformedArchiveException(where + ": ephemeral_public_key is not a valid P-384 point");
		}
		return point;
	}

	static String pem(byte[] point) {
		byte[] der = Arrays.copyOf(SPKI_PREFIX, SPKI_PREFIX.length + POINT_LENGTH);
		System.arraycopy(point, 0, der, SPKI_PREFIX.length, POINT_LENGTH);
		return pemOfDer(der);
	}

	private static String pemOfDer(byte[] der) {
		String base64 = Base64Strict.encode(der);
		StringBuilder pem = new StringBuilder(BEGIN);
		for (int i = 0; i < base64.length(); i += 64) {
			pem.append(base64, i, Math.min(base64.length(), i + 64)).append('\n');
		}
		return pem.append(END).toString();
	}

}
