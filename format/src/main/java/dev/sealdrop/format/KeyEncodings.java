package dev.sealdrop.format;

import java.io.IOException;
import java.math.BigInteger;
import java.security.spec.ECPoint;
import java.util.Arrays;
import java.util.Map;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1BitString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.SECNamedCurves;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * Strict ASN.1 parsing of P-384 keys: SubjectPublicKeyInfo (RFC 5480) and the EC private key
 * inside PKCS#8 (RFC 5915). Parsed with Bouncy Castle's ASN.1 classes rather than a JCA
 * {@code KeyFactory} so that the algorithm, the curve, the DER encoding and the point are all
 * checked here, the same way whichever provider happens to be installed.
 */
final class KeyEncodings {

	/** Names for algorithms people hand us by mistake, so the error says what the key is. */
	private static final Map<String, String> OTHER_ALGORITHMS = Map.of("1.2.840.113549.1.1.1", "RSA",
			"1.3.101.110", "X25519", "1.3.101.111", "X448", "1.3.101.112", "Ed25519", "1.3.101.113", "Ed448",
			"1.2.840.10040.4.1", "DSA");

	/** A private key's scalar and, when the encoding carried one, its public point. */
	record PrivateParts(BigInteger d, byte[] embeddedPoint) {
	}

	private KeyEncodings() {
	}

	/** Parses and validates a SubjectPublicKeyInfo that must be DER, id-ecPublicKey, named curve secp384r1. */
	static ECPoint parseSpki(byte[] der) throws InvalidKeyException {
		if (der == null || der.length == 0) {
			throw new InvalidKeyException("empty public key");
		}
		if (der.length > Pem.MAX_TEXT_LENGTH) {
			throw new InvalidKeyException("public key is too long for a P-384 key");
		}
		SubjectPublicKeyInfo spki;
		try {
			spki = SubjectPublicKeyInfo.getInstance(ASN1Primitive.fromByteArray(der));
		}
		catch (IOException | RuntimeException ex) {
			throw new InvalidKeyException("public key is not a valid SubjectPublicKeyInfo");
		}
		checkDer(spki, der, "public key");
		checkAlgorithm(spki.getAlgorithm());
		ASN1BitString bits = spki.getPublicKeyData();
		if (bits.getPadBits() != 0) {
			throw new InvalidKeyException("public key bit string is not a whole number of bytes");
		}
		return P384.decodePoint(bits.getOctets());
	}

	/** Parses and validates the EC private key in a PKCS#8 PrivateKeyInfo. */
	static PrivateParts parsePrivateKeyInfo(PrivateKeyInfo info) throws InvalidKeyException {
		checkAlgorithm(info.getPrivateKeyAlgorithm());
		org.bouncycastle.asn1.sec.ECPrivateKey ec;
		try {
			ec = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(info.parsePrivateKey());
		}
		catch (IOException | RuntimeException ex) {
			throw new InvalidKeyException("private key is not a valid EC private key structure");
		}
		ASN1Encodable params;
		BigInteger d;
		ASN1BitString publicKey;
		try {
			// Bouncy Castle parses these optional fields lazily and throws unchecked exceptions on odd tagging
			params = ec.getParametersObject();
			d = ec.getKey();
			publicKey = ec.getPublicKey();
		}
		catch (RuntimeException ex) {
			throw new InvalidKeyException("private key is not a valid EC private key structure");
		}
		if (params != null && !SECObjectIdentifiers.secp384r1.equals(params)) {
			throw new InvalidKeyException("private key names a curve other than its algorithm identifier");
		}
		P384.checkScalar(d);
		byte[] point = null;
		if (publicKey != null) {
			if (publicKey.getPadBits() != 0) {
				throw new InvalidKeyException("public key bit string is not a whole number of bytes");
			}
			point = publicKey.getOctets();
		}
		return new PrivateParts(d, point);
	}

	private static void checkDer(SubjectPublicKeyInfo spki, byte[] der, String what) throws InvalidKeyException {
		try {
			if (!Arrays.equals(spki.getEncoded(ASN1Encoding.DER), der)) {
				throw new InvalidKeyException(what + " is not DER-encoded");
			}
		}
		catch (IOException ex) {
			throw new InvalidKeyException(what + " is not DER-encoded");
		}
	}

	private static void checkAlgorithm(AlgorithmIdentifier algorithm) throws InvalidKeyException {
		ASN1ObjectIdentifier oid = algorithm.getAlgorithm();
		if (!X9ObjectIdentifiers.id_ecPublicKey.equals(oid)) {
			String name = OTHER_ALGORITHMS.get(oid.getId());
			throw new InvalidKeyException("not an EC key: " + (name != null ? name : "algorithm " + oid.getId()));
		}
		ASN1Encodable params = algorithm.getParameters();
		if (params instanceof ASN1ObjectIdentifier curve) {
			if (!SECObjectIdentifiers.secp384r1.equals(curve)) {
				throw new InvalidKeyException("not a P-384 key: curve " + curveName(curve));
			}
		}
		else if (params == null || params.toASN1Primitive() instanceof org.bouncycastle.asn1.ASN1Null) {
			throw new InvalidKeyException("EC key does not name its curve");
		}
		else {
			throw new InvalidKeyException("EC key has explicit curve parameters; only the named curve secp384r1 is accepted");
		}
	}

	private static String curveName(ASN1ObjectIdentifier oid) {
		String name = SECNamedCurves.getName(oid);
		if (name == null) {
			name = ECNamedCurveTable.getName(oid);
		}
		return name != null ? name : oid.getId();
	}

}
