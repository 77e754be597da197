package dev.sealdrop.format.trust;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;

import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;

/**
 * ECDSA over P-384 with SHA-384, the only signature sealdrop's server identity makes. Signatures
 * travel DER-encoded (the X.509 / JCA form). The JDK signs; verification does not use the JDK.
 * Checked against the Wycheproof vectors, the SunEC verifier of JDK 17 both accepts a BER
 * signature Wycheproof marks invalid (tcId 6: an integer without its sign-padding zero byte) and
 * rejects two valid ones whose x(kG) exceeds the group order (tcId 382, 499). So the DER is parsed
 * strictly here (exactly one accepted encoding per signature: signatures are not malleable), r and
 * s must be in [1, n-1], and the equation is checked with Bouncy Castle's lightweight ECDSA
 * (no JCA provider is registered).
 */
final class Signatures {

	static final String ALGORITHM = "SHA384withECDSA";

	/** Length of r and of s in the P1363 form. */
	static final int SCALAR_BYTES = 48;

	private static final BigInteger N = order();

	private static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp384r1");

	private static final ECDomainParameters DOMAIN = new ECDomainParameters(CURVE);

	private static final int SEQUENCE = 0x30;

	private static final int INTEGER = 0x02;

	private Signatures() {
	}

	/** Signs with a fresh SecureRandom nonce; returns the DER encoding. */
	static byte[] sign(PrivateKey key, byte[] message) {
		try {
			Signature signature = Signature.getInstance(ALGORITHM);
			signature.initSign(key, new SecureRandom());
			signature.update(message);
			return signature.sign();
		}
		catch (InvalidKeyException ex) {
			throw new IllegalArgumentException("not an EC private key usable for " + ALGORITHM, ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ALGORITHM + " is not available", ex);
		}
	}

	/** True only if {@code der} is a DER-encoded signature, exactly, that verifies. */
	static boolean verifyDer(PublicKey key, byte[] message, byte[] der) {
		BigInteger[] rs = parseDer(der);
		return rs != null && verify(key, message, rs[0], rs[1]);
	}

	/** True only if {@code p1363} is r || s, 48 bytes each, and verifies. */
	static boolean verifyP1363(PublicKey key, byte[] message, byte[] p1363) {
		if (p1363 == null || p1363.length != 2 * SCALAR_BYTES) {
			return false;
		}
		BigInteger r = new BigInteger(1, java.util.Arrays.copyOfRange(p1363, 0, SCALAR_BYTES));
		BigInteger s = new BigInteger(1, java.util.Arrays.copyOfRange(p1363, SCALAR_BYTES, 2 * SCALAR_BYTES));
		return verify(key, message, r, s);
	}

	private static boolean verify(PublicKey key, byte[] message, BigInteger r, BigInteger s) {
		if (!inRange(r) || !inRange(s) || !(key instanceof ECPublicKey ec) || !N.equals(ec.getParams().getOrder())) {
			return false;
		}
		org.bouncycastle.math.ec.ECPoint q;
		try {
			q = CURVE.getCurve().validatePoint(ec.getW().getAffineX(), ec.getW().getAffineY());
		}
		catch (IllegalArgumentException ex) {
			return false; // not a point on P-384
		}
		SHA384Digest digest = new SHA384Digest();
		digest.update(message, 0, message.length);
		byte[] hash = new byte[digest.getDigestSize()];
		digest.doFinal(hash, 0);
		ECDSASigner verifier = new ECDSASigner();
		verifier.init(false, new ECPublicKeyParameters(q, DOMAIN));
		return verifier.verifySignature(hash, r, s);
	}

	/**
	 * Parses {@code SEQUENCE { r INTEGER, s INTEGER }} in DER, or returns null. Rejected: any tag
	 * other than these, long-form lengths (a P-384 signature is at most 104 bytes, so DER always
	 * uses the short form), lengths that do not match, negative or non-minimal integers, trailing
	 * bytes.
	 */
	static BigInteger[] parseDer(byte[] der) {
		if (der == null || der.length < 2 || (der[0] & 0xff) != SEQUENCE) {
			return null;
		}
		int length = der[1] & 0xff;
		if (length >= 0x80 || length != der.length - 2) {
			return null;
		}
		int[] offset = { 2 };
		BigInteger r = parseInteger(der, offset);
		BigInteger s = (r != null) ? parseInteger(der, offset) : null;
		if (s == null || offset[0] != der.length) {
			return null;
		}
		return new BigInteger[] { r, s };
	}

	private static BigInteger parseInteger(byte[] der, int[] offset) {
		int at = offset[0];
		if (der.length - at < 2 || (der[at] & 0xff) != INTEGER) {
			return null;
		}
		int length = der[at + 1] & 0xff;
		int start = at + 2;
		if (length == 0 || length >= 0x80 || length > der.length - start) {
			return null;
		}
		if ((der[start] & 0x80) != 0) {
			return null; // negative
		}
		if (length > 1 && der[start] == 0 && (der[start + 1] & 0x80) == 0) {
			return null; // non-minimal: a leading zero that is not needed for the sign
		}
		offset[0] = start + length;
		return new BigInteger(1, java.util.Arrays.copyOfRange(der, start, start + length));
	}

	/** DER for (r, s); the inverse of {@link #parseDer}. */
	static byte[] encodeDer(BigInteger r, BigInteger s) {
		byte[] re = r.toByteArray();
		byte[] se = s.toByteArray();
		int content = 2 + re.length + 2 + se.length;
		if (content >= 0x80) {
			throw new IllegalArgumentException("values too large for a P-384 signature");
		}
		byte[] out = new byte[2 + content];
		out[0] = SEQUENCE;
		out[1] = (byte) content;
		out[2] = INTEGER;
		out[3] = (byte) re.length;
		System.arraycopy(re, 0, out, 4, re.length);
		out[4 + re.length] = INTEGER;
		out[5 + re.length] = (byte) se.length;
		System.arraycopy(se, 0, out, 6 + re.length, se.length);
		return out;
	}

	private static boolean inRange(BigInteger v) {
		return v.signum() > 0 && v.compareTo(N) < 0;
	}

	private static BigInteger order() {
		try {
			AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
			parameters.init(new ECGenParameterSpec("secp384r1"));
			return parameters.getParameterSpec(ECParameterSpec.class).getOrder();
		}
		catch (GeneralSecurityException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

}
