package dev.sealdrop.format;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.EncryptionScheme;
import org.bouncycastle.asn1.pkcs.KeyDerivationFunc;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;

/**
 * Encrypted PKCS#8 with PBES2 and PBKDF2 (RFC 8018), computed with the JDK's HMAC and
 * AES/DESede-CBC; Bouncy Castle only reads and writes the ASN.1. Bouncy Castle's JCA provider is
 * not used because a JDK that checks provider signatures (Oracle's) refuses it once its jar is
 * repackaged into the CLI's single jar, which would make every passphrase-protected key unusable
 * there.
 * <p>
 * Reads the PRFs HMAC-SHA1 to HMAC-SHA512 and HMAC-SHA3-224 to HMAC-SHA3-512 with the ciphers
 * AES-128/192/256-CBC and DES-EDE3-CBC, which covers what OpenSSL, Python's cryptography and
 * pycryptodome write with PBKDF2 and CBC (PBES2 with an AEAD cipher, which RFC 8018 does not define
 * and some newer libraries write, is refused); writes HMAC-SHA256 and AES-256-CBC.
 */
final class Pbes2 {

	/** PBKDF2's PRF by OID: the JDK's HMAC name (PBKDF2 itself is {@link #pbkdf2}). */
	private static final Map<ASN1ObjectIdentifier, String> PRFS = Map.of(PKCSObjectIdentifiers.id_hmacWithSHA1,
			"HmacSHA1", PKCSObjectIdentifiers.id_hmacWithSHA224, "HmacSHA224", PKCSObjectIdentifiers.id_hmacWithSHA256,
			"HmacSHA256", PKCSObjectIdentifiers.id_hmacWithSHA384, "HmacSHA384", PKCSObjectIdentifiers.id_hmacWithSHA512,
			"HmacSHA512", NISTObjectIdentifiers.id_hmacWithSHA3_224, "HmacSHA3-224", NISTObjectIdentifiers.id_hmacWithSHA3_256,
			"HmacSHA3-256", NISTObjectIdentifiers.id_hmacWithSHA3_384, "HmacSHA3-384", NISTObjectIdentifiers.id_hmacWithSHA3_512,
			"HmacSHA3-512");

	private record CipherKind(String transformation, String keyAlgorithm, int keyLength, int ivLength) {
	}

	private static final Map<ASN1ObjectIdentifier, CipherKind> CIPHERS = Map.of(
			NISTObjectIdentifiers.id_aes128_CBC, new CipherKind("AES/CBC/PKCS5Padding", "AES", 16, 16),
			NISTObjectIdentifiers.id_aes192_CBC, new CipherKind("AES/CBC/PKCS5Padding", "AES", 24, 16),
			NISTObjectIdentifiers.id_aes256_CBC, new CipherKind("AES/CBC/PKCS5Padding", "AES", 32, 16),
			PKCSObjectIdentifiers.des_EDE3_CBC, new CipherKind("DESede/CBC/PKCS5Padding", "DESede", 24, 8));

	private static final int SALT_LENGTH = 32;

	private static final int MAX_SALT_LENGTH = 1024;

	private static final SecureRandom RANDOM = new SecureRandom();

	private Pbes2() {
	}

	/** Encrypted PKCS#8 DER of {@code privateKeyInfo}: PBKDF2-HMAC-SHA256 and AES-256-CBC. */
	static byte[] encrypt(byte[] privateKeyInfo, char[] passphrase, int iterations) throws GeneralSecurityException {
		byte[] salt = new byte[SALT_LENGTH];
		byte[] iv = new byte[16];
		RANDOM.nextBytes(salt);
		RANDOM.nextBytes(iv);
		AlgorithmIdentifier prf = new AlgorithmIdentifier(PKCSObjectIdentifiers.id_hmacWithSHA256, DERNull.INSTANCE);
		PBES2Parameters parameters = new PBES2Parameters(
				new KeyDerivationFunc(PKCSObjectIdentifiers.id_PBKDF2, new PBKDF2Params(salt, iterations, prf)),
				new EncryptionScheme(NISTObjectIdentifiers.id_aes256_CBC, new DEROctetString(iv)));
		try {
			byte[] encrypted = cipher(Cipher.ENCRYPT_MODE, parameters, passphrase).doFinal(privateKeyInfo);
			return new EncryptedPrivateKeyInfo(new AlgorithmIdentifier(PKCSObjectIdentifiers.id_PBES2, parameters),
					encrypted).getEncoded();
		}
		catch (IOException ex) {
			// the parameters are our own (an InvalidKeyException is one too): cannot happen
			throw new IllegalStateException("cannot encrypt the key", ex);
		}
	}

	/**
	 * The PrivateKeyInfo DER inside {@code info}.
	 * @throws InvalidKeyException for a scheme other than PBES2 with PBKDF2 and a supported PRF and
	 * cipher, or more than {@code maxIterations} iterations (checked before any work)
	 * @throws GeneralSecurityException when it does not decrypt (wrong passphrase or damaged file)
	 */
	static byte[] decrypt(EncryptedPrivateKeyInfo info, char[] passphrase, int maxIterations)
			throws InvalidKeyException, GeneralSecurityException {
		PBES2Parameters parameters = parameters(info.getEncryptionAlgorithm());
		BigInteger iterations;
		try {
			iterations = PBKDF2Params.getInstance(parameters.getKeyDerivationFunc().getParameters()).getIterationCount();
		}
		catch (RuntimeException ex) {
			throw new InvalidKeyException("the key file's encryption parameters are not valid PBES2");
		}
		if (iterations.compareTo(BigInteger.valueOf(maxIterations)) > 0) {
			throw new InvalidKeyException("the key file asks for more than " + maxIterations
					+ " PBKDF2 iterations; refusing to spend that much time on it");
		}
		return cipher(Cipher.DECRYPT_MODE, parameters, passphrase).doFinal(info.getEncryptedData());
	}

	// Only PBES2 with PBKDF2 (what OpenSSL, pyca and sealdrop write): its cost is one bounded number.
	// scrypt and the PKCS#12 schemes have costs a hostile key file could set to minutes or gigabytes.
	private static PBES2Parameters parameters(AlgorithmIdentifier algorithm) throws InvalidKeyException {
		if (!PKCSObjectIdentifiers.id_PBES2.equals(algorithm.getAlgorithm())) {
			throw new InvalidKeyException("the key file is encrypted with an unsupported scheme ("
					+ algorithm.getAlgorithm().getId() + "); use PBES2 with PBKDF2, e.g. openssl pkcs8 -topk8 -v2 aes-256-cbc");
		}
		PBES2Parameters parameters;
		try {
			parameters = PBES2Parameters.getInstance(algorithm.getParameters());
		}
		catch (RuntimeException ex) {
			throw new InvalidKeyException("the key file's encryption parameters are not valid PBES2");
		}
		ASN1ObjectIdentifier kdf = parameters.getKeyDerivationFunc().getAlgorithm();
		if (!PKCSObjectIdentifiers.id_PBKDF2.equals(kdf)) {
			throw new InvalidKeyException("the key file derives its key with " + kdf.getId()
					+ "; only PBKDF2 is accepted (re-encrypt with openssl pkcs8 -topk8 -v2 aes-256-cbc)");
		}
		return parameters;
	}

	private static Cipher cipher(int mode, PBES2Parameters parameters, char[] passphrase)
			throws InvalidKeyException, GeneralSecurityException {
		PBKDF2Params kdf;
		CipherKind kind;
		String prf;
		byte[] iv;
		try {
			kdf = PBKDF2Params.getInstance(parameters.getKeyDerivationFunc().getParameters());
			kind = CIPHERS.get(parameters.getEncryptionScheme().getAlgorithm());
			prf = PRFS.get(kdf.getPrf().getAlgorithm());
			iv = (kind != null) ? ASN1OctetString.getInstance(parameters.getEncryptionScheme().getParameters()).getOctets()
					: null;
		}
		catch (RuntimeException ex) {
			throw new InvalidKeyException("the key file's encryption parameters are not valid PBES2");
		}
		if (kind == null) {
			throw new InvalidKeyException("the key file is encrypted with an unsupported cipher ("
					+ parameters.getEncryptionScheme().getAlgorithm().getId() + "); AES-CBC or DES-EDE3-CBC are read");
		}
		if (prf == null) {
			throw new InvalidKeyException("the key file's PBKDF2 uses an unsupported PRF ("
					+ kdf.getPrf().getAlgorithm().getId() + "); HMAC with SHA-1, SHA-2 or SHA-3 is read");
		}
		byte[] salt = kdf.getSalt();
		BigInteger iterations = kdf.getIterationCount();
		BigInteger keyLength = kdf.getKeyLength();
		if (iv.length != kind.ivLength() || salt.length == 0 || salt.length > MAX_SALT_LENGTH || iterations.signum() <= 0
				|| iterations.bitLength() > 31 || (keyLength != null && keyLength.intValue() != kind.keyLength())) {
			throw new InvalidKeyException("the key file's PBES2 parameters are out of range");
		}
		byte[] key = pbkdf2(prf, passphrase, salt, iterations.intValue(), kind.keyLength());
		try {
			Cipher cipher = Cipher.getInstance(kind.transformation());
			cipher.init(mode, new SecretKeySpec(key, kind.keyAlgorithm()), new IvParameterSpec(iv));
			return cipher;
		}
		finally {
			Arrays.fill(key, (byte) 0);
		}
	}

	/**
	 * The passphrase as OpenSSL and Python take a typed one: its UTF-8 bytes (an unpaired surrogate
	 * becomes "?", as in the JDK's own PBKDF2). The caller zeroes the result.
	 */
	static byte[] utf8(char[] passphrase) {
		ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(passphrase));
		byte[] bytes = new byte[encoded.remaining()];
		encoded.get(bytes);
		Arrays.fill(encoded.array(), (byte) 0);
		return bytes;
	}

	/**
	 * PBKDF2 (RFC 8018 §5.2) with {@code hmac} over the passphrase's UTF-8 bytes (as OpenSSL, Python
	 * and the JDK's own PBKDF2 take a typed passphrase). Written out rather than taken from
	 * {@code SecretKeyFactory}, which has no SHA-3 variants in the JDK.
	 */
	static byte[] pbkdf2(String hmac, char[] passphrase, byte[] salt, int iterations, int length)
			throws GeneralSecurityException {
		byte[] password = utf8(passphrase);
		Mac mac = Mac.getInstance(hmac);
		try {
			// SecretKeySpec refuses an empty key; HMAC pads keys with zeros, so one zero byte is the same key
			mac.init(new SecretKeySpec((password.length > 0) ? password : new byte[1], hmac));
		}
		finally {
			Arrays.fill(password, (byte) 0);
		}
		int blockLength = mac.getMacLength();
		byte[] out = new byte[length];
		byte[] u = new byte[blockLength];
		byte[] t = new byte[blockLength];
		for (int block = 1, done = 0; done < length; block++, done += blockLength) {
			mac.update(salt);
			mac.update(new byte[] { (byte) (block >>> 24), (byte) (block >>> 16), (byte) (block >>> 8), (byte) block });
			mac.doFinal(u, 0);
			System.arraycopy(u, 0, t, 0, blockLength);
			for (int i = 1; i < iterations; i++) {
				mac.update(u);
				mac.doFinal(u, 0);
				for (int j = 0; j < blockLength; j++) {
					t[j] ^= u[j];
				}
			}
			System.arraycopy(t, 0, out, done, Math.min(blockLength, length - done));
		}
		Arrays.fill(u, (byte) 0);
		Arrays.fill(t, (byte) 0);
		return out;
	}

}
