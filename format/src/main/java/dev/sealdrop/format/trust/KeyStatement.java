package dev.sealdrop.format.trust;

import java.security.PrivateKey;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import dev.sealdrop.format.Fingerprint;
import dev.sealdrop.format.InvalidKeyException;
import dev.sealdrop.format.Recipient;

/**
 * What the server's signing identity vouches for about one of its encryption keys: the key, the
 * time window in which clients may encrypt to it, and whether it is still current. Its canonical
 * text (PROTOCOL.md, "Key statement") is what gets signed; {@link #parse} accepts exactly that
 * text and nothing else. Times are kept in whole seconds (finer parts are dropped on construction).
 *
 * @param key the encryption key
 * @param notBefore first second the key may be encrypted to
 * @param notAfter the statement is valid strictly before this instant; after {@code notBefore}
 * @param status whether the key is current or retired
 */
public record KeyStatement(Recipient key, Instant notBefore, Instant notAfter, Status status) {

	/** The statement text's first line; it separates these signatures from every other sealdrop signature. */
	public static final String HEADER = "sealdrop-key-statement/1";

	/** Longest statement text accepted (a P-384 statement is about 400 characters). */
	static final int MAX_LENGTH = 2048;

	/** Whether new uploads may be encrypted to the key. */
	public enum Status {

		/** The key the server wants new uploads encrypted to. */
		CURRENT,

		/** An old key the server still holds to read what was encrypted to it; never encrypt to it. */
		RETIRED;

		String text() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	public KeyStatement {
		Objects.requireNonNull(key, "key");
		Objects.requireNonNull(status, "status");
		notBefore = Text.checkTime(notBefore, "not_before");
		notAfter = Text.checkTime(notAfter, "not_after");
		if (!notBefore.isBefore(notAfter)) {
			throw new IllegalArgumentException("not_after must be after not_before");
		}
	}

	/** The key id: the first 16 hex digits of the key's fingerprint. */
	public String kid() {
		return this.key.fingerprint().kid();
	}

	public Fingerprint fingerprint() {
		return this.key.fingerprint();
	}

	/** True if {@code instant} is in [notBefore, notAfter). */
	public boolean isValidAt(Instant instant) {
		return !instant.isBefore(this.notBefore) && instant.isBefore(this.notAfter);
	}

	/** The canonical text, exactly as PROTOCOL.md specifies it. */
	public String toText() {
		return HEADER + "\n"
				+ "kid:" + kid() + "\n"
				+ "fingerprint:" + fingerprint() + "\n"
				+ "spki:" + Text.base64(this.key.spki()) + "\n"
				+ "not_before:" + Text.time(this.notBefore) + "\n"
				+ "not_after:" + Text.time(this.notAfter) + "\n"
				+ "status:" + this.status.text() + "\n";
	}

	/** The bytes that are signed: the canonical text in UTF-8 (it is ASCII). */
	public byte[] toBytes() {
		return Text.bytes(toText());
	}

	/** Signs the canonical text with the server's signing key (ECDSA P-384, SHA-384). */
	public SignedKeyStatement sign(PrivateKey signer) {
		return new SignedKeyStatement(toText(), Text.base64(Signatures.sign(signer, toBytes())));
	}

	/**
	 * Parses a canonical statement text. Besides the form of every line, it checks that the kid and
	 * fingerprint are those of the SPKI, that the SPKI is a valid P-384 key in its normalized
	 * encoding, and that the time window is not empty.
	 * @throws TrustException with reason MALFORMED for anything else
	 */
	public static KeyStatement parse(String text) throws TrustException {
		List<String> v = Text.fields(text, MAX_LENGTH, HEADER, "kid", "fingerprint", "spki", "not_before", "not_after",
				"status");
		byte[] spki = Text.parseBase64(v.get(2), "spki");
		Recipient key;
		try {
			key = Recipient.fromSpki(spki);
		}
		catch (InvalidKeyException ex) {
			throw new TrustException(TrustException.Reason.MALFORMED, "spki is not a valid P-384 public key", ex);
		}
		if (!java.util.Arrays.equals(key.spki(), spki)) {
			throw Text.malformed("spki is not in the normalized encoding (named curve, uncompressed point)");
		}
		if (!v.get(1).equals(key.fingerprint().toString())) {
			throw Text.malformed("fingerprint is not the SHA-256 of spki");
		}
		if (!v.get(0).equals(key.fingerprint().kid())) {
			throw Text.malformed("kid is not the first 16 hex digits of the fingerprint");
		}
		Instant notBefore = Text.parseTime(v.get(3), "not_before");
		Instant notAfter = Text.parseTime(v.get(4), "not_after");
		if (!notBefore.isBefore(notAfter)) {
			throw Text.malformed("not_after is not after not_before");
		}
		Status status = switch (v.get(5)) {
			case "current" -> Status.CURRENT;
			case "retired" -> Status.RETIRED;
			default -> throw Text.malformed("status is neither current nor retired");
		};
		return new KeyStatement(key, notBefore, notAfter, status);
	}

}
