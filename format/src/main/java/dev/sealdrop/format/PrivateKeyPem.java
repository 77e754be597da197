package dev.sealdrop.format;

import java.io.IOException;
import java.io.StringReader;
import java.security.GeneralSecurityException;
import java.util.Arrays;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.bc.BcPEMDecryptorProvider;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

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
				byte[] der = Pbes2.decrypt(encrypted.toASN1Structure(), requirePassphrase(passphraseOrNull),
						MAX_PBKDF2_ITERATIONS);
				try {
					return PrivateKeyInfo.getInstance(der);
				}
				finally {
					Arrays.fill(der, (byte) 0);
				}
			}
			if (key instanceof PEMEncryptedKeyPair encrypted) {
				// OpenSSL's legacy Proc-Type encryption: one MD5 round of key derivation, no cost to bound
				char[] bytes = utf8BytesAsChars(requirePassphrase(passphraseOrNull));
				try {
					return encrypted.decryptKeyPair(new BcPEMDecryptorProvider(bytes)).getPrivateKeyInfo();
				}
				finally {
					Arrays.fill(bytes, '\0');
				}
			}
		}
		catch (GeneralSecurityException | IOException | RuntimeException ex) {
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
			return Pbes2.encrypt(info.getEncoded(), passphrase, PBKDF2_ITERATIONS);
		}
		catch (GeneralSecurityException | IOException ex) {
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

	/**
	 * The passphrase's UTF-8 bytes, one per char: Bouncy Castle's legacy-PEM decryptor keeps the low
	 * byte of each char, and OpenSSL derived the key from the UTF-8 bytes of what was typed.
	 */
	private static char[] utf8BytesAsChars(char[] passphrase) {
		byte[] bytes = Pbes2.utf8(passphrase);
		char[] chars = new char[bytes.length];
		for (int i = 0; i < chars.length; i++) {
			chars[i] = (char) (bytes[i] & 0xff);
		}
		Arrays.fill(bytes, (byte) 0);
		return chars;
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
