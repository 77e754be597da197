package dev.sealdrop.format;

import java.math.BigInteger;
import java.security.spec.ECPoint;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON Web Keys (RFC 7517, RFC 7518 §6.2) for P-384: {@code kty} "EC", {@code crv} "P-384",
 * {@code x} and {@code y} as unpadded base64url of exactly 48 bytes each, and for a private key
 * {@code d}, also 48 bytes. Duplicate members are rejected; other members ({@code kid},
 * {@code use}, {@code key_ops}...) are ignored, as RFC 7517 §4 requires.
 */
final class Jwk {

	/** A parsed key: the validated public point and, if the JWK had {@code d}, the private scalar (validated too). */
	record Parsed(ECPoint point, BigInteger privateScalar) {
	}

	private static final JsonMapper JSON = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

	private static final Pattern SAFE_TOKEN = Pattern.compile("[A-Za-z0-9._-]{1,32}");

	private Jwk() {
	}

	static Parsed parse(String json) throws InvalidKeyException {
		if (json == null || json.isBlank()) {
			throw new InvalidKeyException("empty key text");
		}
		if (json.length() > Pem.MAX_TEXT_LENGTH) {
			throw new InvalidKeyException("key text is too long for a P-384 key");
		}
		JsonNode node;
		try {
			node = JSON.readTree(json);
		}
		catch (JacksonException ex) {
			throw new InvalidKeyException("JWK is not valid JSON (or has a duplicate member)");
		}
		if (node == null || !node.isObject()) {
			throw new InvalidKeyException("JWK is not a JSON object");
		}
		String kty = string(node, "kty");
		if (!"EC".equals(kty)) {
			throw new InvalidKeyException("not an EC key: JWK kty is " + printable(kty));
		}
		String crv = string(node, "crv");
		if (!"P-384".equals(crv)) {
			throw new InvalidKeyException("not a P-384 key: curve " + printable(crv));
		}
		BigInteger x = coordinate(node, "x");
		BigInteger y = coordinate(node, "y");
		ECPoint point = new ECPoint(x, y);
		P384.checkPoint(point);
		BigInteger d = null;
		if (node.has("d")) {
			d = coordinate(node, "d");
			P384.checkScalar(d);
			if (!P384.multiplyGenerator(d).equals(point)) {
				throw new InvalidKeyException("JWK private key does not match its public key");
			}
		}
		return new Parsed(point, d);
	}

	/** The public JWK with members in a fixed order, so equal keys give equal text. */
	static String encode(ECPoint point) {
		return "{\"kty\":\"EC\",\"crv\":\"P-384\",\"x\":\"" + Base64Strict.encodeUrlUnpadded(P384.unsigned(point.getAffineX()))
				+ "\",\"y\":\"" + Base64Strict.encodeUrlUnpadded(P384.unsigned(point.getAffineY())) + "\"}";
	}

	private static String string(JsonNode node, String name) throws InvalidKeyException {
		JsonNode member = node.get(name);
		if (member == null) {
			throw new InvalidKeyException("JWK has no \"" + name + "\" member");
		}
		if (!member.isString()) {
			throw new InvalidKeyException("JWK member \"" + name + "\" is not a string");
		}
		return member.stringValue();
	}

	private static BigInteger coordinate(JsonNode node, String name) throws InvalidKeyException {
		byte[] bytes;
		try {
			bytes = Base64Strict.decodeUrlUnpadded(string(node, name));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidKeyException("JWK member \"" + name + "\" is not unpadded base64url");
		}
		if (bytes.length != P384.FIELD_BYTES) {
			throw new InvalidKeyException("JWK member \"" + name + "\" has " + bytes.length + " bytes; P-384 needs " + P384.FIELD_BYTES);
		}
		return new BigInteger(1, bytes);
	}

	private static String printable(String value) {
		return SAFE_TOKEN.matcher(value).matches() ? value : "(unprintable)";
	}

}
