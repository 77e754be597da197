package dev.sealdrop.format;

import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECPoint;

/**
 * A validated P-384 public key that archives can be encrypted to (FORMAT.md §3.1). Every factory
 * rejects other curves, explicit curve parameters, off-curve points, the point at infinity and
 * encodings it cannot fully validate, with an {@link InvalidKeyException}. Whatever the input
 * encoding, the key is held in normalized form, so {@link #spki()}, {@link #fingerprint()} and the
 * other encodings do not depend on how it was given. Immutable; equal by fingerprint.
 */
public final class Recipient {

	private final ECPublicKey publicKey;

	private final byte[] spki;

	private final Fingerprint fingerprint;

	private Recipient(ECPoint point) {
		this.publicKey = P384.publicKey(point);
		this.spki = this.publicKey.getEncoded();
		this.fingerprint = Fingerprint.of(this.spki);
	}

	/** From a PEM {@code PUBLIC KEY} block (SubjectPublicKeyInfo). */
	public static Recipient fromPem(String pem) throws InvalidKeyException {
		return fromSpki(Pem.decode(pem, "PUBLIC KEY"));
	}

	/** From SubjectPublicKeyInfo DER with the named curve secp384r1. */
	public static Recipient fromSpki(byte[] der) throws InvalidKeyException {
		return new Recipient(KeyEncodings.parseSpki(der));
	}

	/** From an uncompressed SEC1 point, {@code 04 || X || Y} (97 bytes). */
	public static Recipient fromPoint(byte[] uncompressedSec1) throws InvalidKeyException {
		return new Recipient(P384.decodePoint(uncompressedSec1));
	}

	/** From a public JWK: {@code kty} "EC", {@code crv} "P-384", unpadded base64url {@code x} and {@code y}. */
	public static Recipient fromJwk(String json) throws InvalidKeyException {
		Jwk.Parsed parsed = Jwk.parse(json);
		if (parsed.privateScalar() != null) {
			// Accepting it would teach people to paste private keys where public ones belong.
			throw new InvalidKeyException("JWK contains a private key (\"d\"); give the public key only");
		}
		return new Recipient(parsed.point());
	}

	/** From text that is either a PEM {@code PUBLIC KEY} block or a JWK, told apart by the first character. */
	public static Recipient parse(String text) throws InvalidKeyException {
		if (text == null || text.isBlank()) {
			throw new InvalidKeyException("empty key text");
		}
		String trimmed = text.strip();
		if (trimmed.startsWith("{")) {
			return fromJwk(trimmed);
		}
		if (trimmed.startsWith("-----BEGIN ")) {
			return fromPem(trimmed);
		}
		throw new InvalidKeyException("not a public key: expected PEM (-----BEGIN PUBLIC KEY-----) or a JWK ({\"kty\":\"EC\",...})");
	}

	/** From a JCA public key of any provider, which must be an EC key on P-384 with a valid point. */
	public static Recipient of(PublicKey key) throws InvalidKeyException {
		if (!(key instanceof ECPublicKey ec)) {
			throw new InvalidKeyException("not an EC key: " + (key == null ? "none" : key.getAlgorithm()));
		}
		if (!P384.isP384(ec.getParams())) {
			throw new InvalidKeyException("not a P-384 key: curve " + curveDescription(ec));
		}
		P384.checkPoint(ec.getW());
		return new Recipient(ec.getW());
	}

	/** For points the caller has already decoded; checks them again because it is cheap and keeps the invariant local. */
	static Recipient fromEcPoint(ECPoint point) throws InvalidKeyException {
		P384.checkPoint(point);
		return new Recipient(point);
	}

	/** The key as a JDK public key. */
	public ECPublicKey publicKey() {
		return publicKey;
	}

	/** SubjectPublicKeyInfo DER, normalized (named curve, uncompressed point); a copy. */
	public byte[] spki() {
		return spki.clone();
	}

	/** The uncompressed SEC1 point, {@code 04 || X || Y} (97 bytes). */
	public byte[] point() {
		return P384.encodePoint(publicKey.getW());
	}

	/** PEM {@code PUBLIC KEY}, 64-column lines, {@code \n} line ends. */
	public String toPem() {
		return Pem.encode("PUBLIC KEY", spki);
	}

	/** The public JWK, members in the order kty, crv, x, y. */
	public String toJwk() {
		return Jwk.encode(publicKey.getW());
	}

	public Fingerprint fingerprint() {
		return fingerprint;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof Recipient that && fingerprint.equals(that.fingerprint);
	}

	@Override
	public int hashCode() {
		return fingerprint.hashCode();
	}

	/** The text fingerprint, {@code sha256:<64 hex>}. */
	@Override
	public String toString() {
		return fingerprint.toString();
	}

	private static String curveDescription(ECPublicKey key) {
		if (key.getParams() instanceof org.bouncycastle.jce.spec.ECNamedCurveSpec named) {
			return named.getName();
		}
		// The JDK's parameter toString starts with the curve name ("secp256r1 [NIST P-256, ...]").
		String text = String.valueOf(key.getParams());
		int space = text.indexOf(' ');
		String name = space > 0 ? text.substring(0, space) : text;
		return name.matches("[A-Za-z0-9._-]{1,40}") ? name : "(unnamed)";
	}

}
