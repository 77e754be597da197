package dev.sealdrop.format;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;

import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/**
 * The curve NIST P-384 (secp384r1) and the checks every key in sealdrop passes (FORMAT.md §3.1).
 * Keys are rebuilt through the JDK's {@code KeyFactory} from validated numbers, so whatever
 * produced them, the objects sealdrop holds are the JDK's and their encodings are the normalized
 * ones (named curve, uncompressed point).
 */
final class P384 {

	static final String NAME = "secp384r1";

	/** Field element and scalar length in bytes. */
	static final int FIELD_BYTES = 48;

	/** Length of an uncompressed SEC1 point: 0x04 || X || Y. */
	static final int POINT_BYTES = 1 + 2 * FIELD_BYTES;

	static final ECParameterSpec PARAMS = namedParams();

	private static final BigInteger P = ((ECFieldFp) PARAMS.getCurve().getField()).getP();

	private static final BigInteger A = PARAMS.getCurve().getA();

	private static final BigInteger B = PARAMS.getCurve().getB();

	private static final BigInteger N = PARAMS.getOrder();

	private static final X9ECParameters BC_PARAMS = CustomNamedCurves.getByName(NAME);

	private P384() {
	}

	/** True if the parameters are exactly P-384's: field, coefficients, generator, order and cofactor. */
	static boolean isP384(ECParameterSpec params) {
		return params != null && params.getCurve().getField() instanceof ECFieldFp field && P.equals(field.getP())
				&& A.equals(params.getCurve().getA()) && B.equals(params.getCurve().getB())
				&& PARAMS.getGenerator().equals(params.getGenerator()) && N.equals(params.getOrder())
				&& PARAMS.getCofactor() == params.getCofactor();
	}

	/**
	 * Checks that a point is a valid public key: not the point at infinity, coordinates reduced mod p,
	 * and on the curve. P-384 has cofactor 1, so a point on the curve is in the prime-order group and
	 * no further subgroup check is needed.
	 */
	static void checkPoint(ECPoint point) throws InvalidKeyException {
		if (point == null || ECPoint.POINT_INFINITY.equals(point)) {
			throw new InvalidKeyException("public key is the point at infinity");
		}
		BigInteger x = point.getAffineX();
		BigInteger y = point.getAffineY();
		if (x.signum() < 0 || x.compareTo(P) >= 0 || y.signum() < 0 || y.compareTo(P) >= 0) {
			throw new InvalidKeyException("point is not on P-384: coordinate out of range");
		}
		BigInteger lhs = y.multiply(y).mod(P);
		BigInteger rhs = x.multiply(x).add(A).multiply(x).add(B).mod(P);
		if (!lhs.equals(rhs)) {
			throw new InvalidKeyException("point is not on P-384");
		}
	}

	static void checkScalar(BigInteger d) throws InvalidKeyException {
		if (d == null || d.signum() <= 0 || d.compareTo(N) >= 0) {
			throw new InvalidKeyException("private key is out of range for P-384");
		}
	}

	/** Decodes an uncompressed SEC1 point (04 || X || Y) and validates it. */
	static ECPoint decodePoint(byte[] encoded) throws InvalidKeyException {
		if (encoded == null || encoded.length == 0) {
			throw new InvalidKeyException("public key point is empty");
		}
		if ((encoded[0] == 0x02 || encoded[0] == 0x03) && encoded.length == 1 + FIELD_BYTES) {
			throw new InvalidKeyException("compressed points are not accepted; use the uncompressed form (04 || X || Y)");
		}
		if (encoded[0] != 0x04) {
			throw new InvalidKeyException("public key point is not in uncompressed form (04 || X || Y)");
		}
		if (encoded.length != POINT_BYTES) {
			throw new InvalidKeyException("public key point has " + encoded.length + " bytes; P-384 needs " + POINT_BYTES);
		}
		BigInteger x = new BigInteger(1, java.util.Arrays.copyOfRange(encoded, 1, 1 + FIELD_BYTES));
		BigInteger y = new BigInteger(1, java.util.Arrays.copyOfRange(encoded, 1 + FIELD_BYTES, POINT_BYTES));
		ECPoint point = new ECPoint(x, y);
		checkPoint(point);
		return point;
	}

	static byte[] encodePoint(ECPoint point) {
		byte[] out = new byte[POINT_BYTES];
		out[0] = 0x04;
		System.arraycopy(unsigned(point.getAffineX()), 0, out, 1, FIELD_BYTES);
		System.arraycopy(unsigned(point.getAffineY()), 0, out, 1 + FIELD_BYTES, FIELD_BYTES);
		return out;
	}

	/** A non-negative integer below 2^384 as exactly 48 big-endian bytes. */
	static byte[] unsigned(BigInteger value) {
		byte[] raw = value.toByteArray();
		byte[] out = new byte[FIELD_BYTES];
		int copy = Math.min(raw.length, FIELD_BYTES);
		System.arraycopy(raw, raw.length - copy, out, FIELD_BYTES - copy, copy);
		return out;
	}

	/** The public point d·G. */
	static ECPoint multiplyGenerator(BigInteger d) {
		org.bouncycastle.math.ec.ECPoint q = new FixedPointCombMultiplier().multiply(BC_PARAMS.getG(), d).normalize();
		return new ECPoint(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger());
	}

	/** A JDK public key for an already validated point. */
	static ECPublicKey publicKey(ECPoint point) {
		try {
			return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, PARAMS));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("the JDK cannot build a P-384 public key", ex);
		}
	}

	/** A JDK private key for an already validated scalar. */
	static ECPrivateKey privateKey(BigInteger d) {
		try {
			return (ECPrivateKey) KeyFactory.getInstance("EC").generatePrivate(new ECPrivateKeySpec(d, PARAMS));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("the JDK cannot build a P-384 private key", ex);
		}
	}

	private static ECParameterSpec namedParams() {
		try {
			AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
			parameters.init(new ECGenParameterSpec(NAME));
			return parameters.getParameterSpec(ECParameterSpec.class);
		}
		catch (GeneralSecurityException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

}
