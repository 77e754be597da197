package dev.sealdrop.format.trust;

import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import dev.sealdrop.format.Fingerprint;
import dev.sealdrop.format.InvalidKeyException;
import dev.sealdrop.format.trust.TrustException.Reason;

/**
 * The server's answer to {@code POST /api/v1/server-key/challenge}: a signature by its signing
 * identity over a domain-separated message that binds the client's fresh nonce, the encryption
 * key's fingerprint, the signing key's fingerprint and the server's time (PROTOCOL.md, "Challenge").
 * A valid answer shows that the holder of the signing key vouches for this encryption key now, not
 * in a recorded exchange. The components are the strings of the JSON answer
 * {@code {"nonce", "fingerprint", "timestamp", "signature"}}; nothing is trusted before
 * {@link #verify}.
 *
 * @param nonce the client's nonce, standard base64 of 16 to 64 bytes
 * @param fingerprint the encryption key's fingerprint, {@code sha256:<64 hex>}
 * @param timestamp the server's time, RFC 3339 UTC with whole seconds
 * @param signature base64 of the DER ECDSA P-384/SHA-384 signature over {@link #message}
 */
public record ChallengeResponse(String nonce, String fingerprint, String timestamp, String signature) {

	/** The message's first line; it separates these signatures from every other sealdrop signature. */
	public static final String HEADER = "sealdrop-challenge/1";

	/** Shortest nonce accepted, in bytes. */
	public static final int MIN_NONCE_BYTES = 16;

	/** Longest nonce accepted, in bytes. */
	public static final int MAX_NONCE_BYTES = 64;

	/** The clock difference a client tolerates unless told otherwise. */
	public static final Duration DEFAULT_MAX_SKEW = Duration.ofMinutes(5);

	private static final int NONCE_BYTES = 32;

	public ChallengeResponse {
		Objects.requireNonNull(nonce, "nonce");
		Objects.requireNonNull(fingerprint, "fingerprint");
		Objects.requireNonNull(timestamp, "timestamp");
		Objects.requireNonNull(signature, "signature");
	}

	/** A fresh client nonce: 32 bytes from SecureRandom, in standard base64. */
	public static String newNonce() {
		byte[] nonce = new byte[NONCE_BYTES];
		new SecureRandom().nextBytes(nonce);
		return Text.base64(nonce);
	}

	/**
	 * Decodes and checks a nonce as the server receives it.
	 * @throws TrustException MALFORMED unless it is canonical standard base64 of 16 to 64 bytes
	 */
	public static byte[] decodeNonce(String nonce) throws TrustException {
		byte[] bytes = Text.parseBase64(nonce, "nonce");
		if (bytes.length < MIN_NONCE_BYTES || bytes.length > MAX_NONCE_BYTES) {
			throw Text.malformed("nonce must be " + MIN_NONCE_BYTES + " to " + MAX_NONCE_BYTES + " bytes");
		}
		return bytes;
	}

	/**
	 * The server side: answers a client's nonce.
	 * @param nonce the nonce as the client sent it (checked with {@link #decodeNonce})
	 * @param key the fingerprint of the encryption key the server offers
	 * @param signingCertificate the certificate of {@code signer}, whose key fingerprint is bound into the message
	 * @param signer the signing identity's private key
	 * @param clock the server's clock
	 * @throws TrustException MALFORMED if the nonce or the certificate's key is not acceptable
	 */
	public static ChallengeResponse sign(String nonce, Fingerprint key, X509Certificate signingCertificate,
			PrivateKey signer, Clock clock) throws TrustException {
		byte[] nonceBytes = decodeNonce(nonce);
		String timestamp = Text.time(Text.checkTime(clock.instant(), "timestamp"));
		byte[] message = Text.bytes(message(nonceBytes, key, signerFingerprint(signingCertificate), timestamp));
		return new ChallengeResponse(nonce, key.toString(), timestamp, Text.base64(Signatures.sign(signer, message)));
	}

	/**
	 * The client side: checks this answer against what the client sent and expects.
	 * <p>Order of checks: the nonce must be the client's (NONCE_MISMATCH), the fingerprint the
	 * expected key's (KEY_MISMATCH), the signature must verify with the signing certificate's key
	 * over the message rebuilt from these values (BAD_SIGNATURE), and the timestamp must be within
	 * {@code maxSkew} of {@code clock} in either direction (STALE_CHALLENGE).
	 * @param expectedNonce the nonce this client generated for this request
	 * @param expectedKey the encryption key the client was offered and checked with {@link ServerTrustVerifier}
	 * @param signingCertificate the verified leaf certificate ({@link VerifiedServerKey#signingCertificate()})
	 * @throws TrustException with the reason of the first failed check; MALFORMED for a field not in its canonical form
	 */
	public void verify(String expectedNonce, Fingerprint expectedKey, X509Certificate signingCertificate, Clock clock,
			Duration maxSkew) throws TrustException {
		byte[] expected = decodeNonce(expectedNonce);
		byte[] actual = decodeNonce(this.nonce);
		if (!MessageDigest.isEqual(expected, actual)) {
			throw new TrustException(Reason.NONCE_MISMATCH, "the challenge response answers another nonce than the one sent");
		}
		Fingerprint key;
		try {
			key = Fingerprint.parse(this.fingerprint);
		}
		catch (InvalidKeyException ex) {
			throw Text.malformed("fingerprint is not sha256: and 64 lowercase hex digits");
		}
		if (!key.equals(expectedKey)) {
			throw new TrustException(Reason.KEY_MISMATCH,
					"the challenge response is for key " + key + ", not for the offered key " + expectedKey);
		}
		Instant time = Text.parseTime(this.timestamp, "timestamp");
		byte[] der = Text.parseBase64(this.signature, "signature");
		byte[] message = Text.bytes(message(actual, key, signerFingerprint(signingCertificate), this.timestamp));
		if (!Signatures.verifyDer(signingCertificate.getPublicKey(), message, der)) {
			throw new TrustException(Reason.BAD_SIGNATURE, "the challenge signature does not verify with the signing certificate's key");
		}
		Instant now = clock.instant();
		if (Duration.between(time, now).abs().compareTo(maxSkew) > 0) {
			throw new TrustException(Reason.STALE_CHALLENGE, "the challenge response is timestamped " + this.timestamp
					+ ", more than " + maxSkew.toSeconds() + " s from this machine's clock (" + Text.time(Text.checkTime(now, "now"))
					+ "): a replay, or one of the clocks is wrong");
		}
	}

	/**
	 * The exact bytes that are signed, rebuilt from this answer's fields.
	 * @throws TrustException MALFORMED if a field is not in its canonical form
	 */
	public byte[] message(X509Certificate signingCertificate) throws TrustException {
		Fingerprint key;
		try {
			key = Fingerprint.parse(this.fingerprint);
		}
		catch (InvalidKeyException ex) {
			throw Text.malformed("fingerprint is not sha256: and 64 lowercase hex digits");
		}
		Text.parseTime(this.timestamp, "timestamp");
		return Text.bytes(message(decodeNonce(this.nonce), key, signerFingerprint(signingCertificate), this.timestamp));
	}

	static String message(byte[] nonce, Fingerprint key, Fingerprint signer, String timestamp) {
		return HEADER + "\n"
				+ "nonce:" + Text.base64(nonce) + "\n"
				+ "fingerprint:" + key + "\n"
				+ "signer:" + signer + "\n"
				+ "timestamp:" + timestamp + "\n";
	}

	private static Fingerprint signerFingerprint(X509Certificate signingCertificate) {
		return Certificates.keyFingerprint(signingCertificate);
	}

}
