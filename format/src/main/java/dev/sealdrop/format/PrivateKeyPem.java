package dev.sealdrop.format;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.security.SecureRandom;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.KeyDerivationFunc;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.util.io.pem.PemGenerationException;

/**
 * Private key files: reads PKCS#8 ({@code PRIVATE KEY}), encrypted PKCS#8
 * ({@code ENCRYPTED PRIVATE KEY}) and SEC1 ({@code EC PRIVATE KEY}, also OpenSSL's legacy
 * encrypted form) with Bouncy Castle's PEM parser; writes encrypted PKCS#8 with PBES2,
 * PBKDF2-HMAC-SHA256 and AES-256-CBC, which OpenSSL, Python's cryptography and the JDK all read.
 */
final class PrivateKeyPem {

	/**
	 * More than any tool writes (OpenSSL 2 048, sealdrop 600 000); a key file asking for more would
	 * only keep the process busy, so it is refused before any work is done.
	 */
	static final int MAX_PBKDF2_ITERATIONS = 10_000_000;

	/** OWASP's 2023 figure for PBKDF2-HMAC-SHA256; the key file may be copied and attacked offline. */
	static final int PBKDF2_ITERATIONS = 600_000;

	private PrivateKeyPem() {
	}

	/** The PKCS#8 PrivateKeyInfo in the text, decrypted with the passphrase if it is encrypted. */
	static PrivateKeyInfo read(String pem, char[] passphraseOrNull) throws InvalidKeyException {
		if (pem == null || pem.isBlank()) {
			throw new InvalidKeyException("empty key text");
		}
		if (pem.length() > Pem.MAX_TEXT_LENGTH) {
			throw new InvalidKeyException("key text is too long for a P-384 key");
		}
		Object key = readSingleKeyObject(pem);
		try {
			if (key instanceof PrivateKeyInfo info) {
				return info;
			}
			if (key instanceof PEMKeyPair pair) {
				return pair.getPrivateKeyInfo();
			}
			if (key instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
				checkIterationCount(encrypted.getEncryptionAlgorithm());
				return encrypted.decryptPrivateKeyInfo(new JceOpenSSLPKCS8DecryptorProviderBuilder()
					.setProvider(BouncyCastle.provider())
					.build(requirePassphrase(passphraseOrNull)));
			}
			if (key instanceof PEMEncryptedKeyPair encrypted) {
				return encrypted.decryptKeyPair(new JcePEMDecryptorProviderBuilder().setProvider(BouncyCastle.provider())
					.build(requirePassphrase(passphraseOrNull))).getPrivateKeyInfo();
			}
		}
		catch (PKCSException | OperatorCreationException | IOException | RuntimeException ex) {
			if (ex instanceof InvalidKeyException invalid) {
				throw invalid;
			}
			throw new InvalidKeyException("cannot decrypt the private key: wrong passphrase, or the key file is damaged");
		}
		if (key instanceof SubjectPublicKeyInfo) {
			throw new InvalidKeyException("this is a public key; a private key is needed here");
		}
		throw new InvalidKeyException("not a private key (expected PRIVATE KEY, ENCRYPTED PRIVATE KEY or EC PRIVATE KEY)");
	}

	/** True if the text holds an encrypted private key, so a caller knows to ask for a passphrase first. */
	static boolean isEncrypted(String pem) {
		return pem != null && (pem.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")
				|| (pem.contains("-----BEGIN EC PRIVATE KEY-----") && pem.contains("Proc-Type: 4,ENCRYPTED")));
	}

	/** Encrypted PKCS#8 DER: PBES2 with PBKDF2-HMAC-SHA256 and AES-256-CBC. */
	static byte[] encrypt(PrivateKeyInfo info, char[] passphrase) {
		requireNonEmpty(passphrase);
		try {
			var encryptor = new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
				.setPRF(PKCS8Generator.PRF_HMACSHA256)
				.setIterationCount(PBKDF2_ITERATIONS)
				.setRandom(new SecureRandom())
				.setPassword(passphrase)
				.setProvider(BouncyCastle.provider())
				.build();
			return new PKCS8Generator(info, encryptor).generate().getContent();
		}
		catch (OperatorCreationException | PemGenerationException ex) {
			throw new IllegalStateException("cannot encrypt the private key", ex);
		}
	}

	private static Object readSingleKeyObject(String pem) throws InvalidKeyException {
		Object key = null;
		try (PEMParser parser = new PEMParser(new StringReader(pem))) {
			Object object;
			while ((object = parser.readObject()) != null) {
				if (object instanceof ASN1ObjectIdentifier || object instanceof X9ECParameters) {
					// An "EC PARAMETERS" block, which `openssl ecparam -genkey` writes before the key.
					// Ignoring it is safe: the key names its own curve, and that is what is checked.
					continue;
				}
				if (key != null) {
					throw new InvalidKeyException("the PEM text holds more than one key");
				}
				key = object;
			}
		}
		catch (IOException | RuntimeException ex) {
			if (ex instanceof InvalidKeyException invalid) {
				throw invalid;
			}
			throw new InvalidKeyException("the private key is not valid PEM");
		}
		if (key == null) {
			throw new InvalidKeyException("no private key found (expected PRIVATE KEY, ENCRYPTED PRIVATE KEY or EC PRIVATE KEY)");
		}
		return key;
	}

	// Only PBES2 with PBKDF2 (what OpenSSL, pyca and sealdrop write): its cost is one bounded number.
	// scrypt and the PKCS#12 schemes have costs a hostile key file could set to minutes or gigabytes.
	private static void checkIterationCount(AlgorithmIdentifier algorithm) throws InvalidKeyException {
		if (!PKCSObjectIdentifiers.id_PBES2.equals(algorithm.getAlgorithm())) {
			throw new InvalidKeyException("the key file is encrypted with an unsupported scheme ("
					+ algorithm.getAlgorithm().getId() + "); use PBES2 with PBKDF2, e.g. openssl pkcs8 -topk8 -v2 aes-256-cbc");
		}
		KeyDerivationFunc kdf;
		try {
			kdf = PBES2Parameters.getInstance(algorithm.getParameters()).getKeyDerivationFunc();
		}
		catch (RuntimeException ex) {
			throw new InvalidKeyException("the key file's encryption parameters are not valid PBES2");
		}
		if (!PKCSObjectIdentifiers.id_PBKDF2.equals(kdf.getAlgorithm())) {
			throw new InvalidKeyException("the key file derives its key with " + kdf.getAlgorithm().getId()
					+ "; only PBKDF2 is accepted (re-encrypt with openssl pkcs8 -topk8 -v2 aes-256-cbc)");
		}
		if (PBKDF2Params.getInstance(kdf.getParameters()).getIterationCount()
					.compareTo(BigInteger.valueOf(MAX_PBKDF2_ITERATIONS)) > 0) {
			throw new InvalidKeyException("the key file asks for more than " + MAX_PBKDF2_ITERATIONS
					+ " PBKDF2 iterations; refusing to spend that much time on it");
		}
	}

	private static char[] requirePassphrase(char[] passphraseOrNull) throws InvalidKeyException {
		if (passphraseOrNull == null) {
			throw new InvalidKeyException("the private key is encrypted: a passphrase is needed");
		}
		return passphraseOrNull;
	}

	private static void requireNonEmpty(char[] passphrase) {
		if (passphrase == null || passphrase.length == 0) {
			throw new IllegalArgumentException("an empty passphrase does not protect the key; pass null to write it unencrypted");
		}
	}

}
