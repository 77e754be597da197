package dev.sealdrop.format;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECPoint;
import java.util.Arrays;

import javax.security.auth.DestroyFailedException;
import javax.security.auth.Destroyable;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;

/**
 * A P-384 private key and its public key: what a reader needs to open archives made for it
 * (FORMAT.md §3.1). Loads PKCS#8, encrypted PKCS#8 and SEC1 PEM from any tool, validating the
 * curve and the scalar and checking any public key stored beside it; writes PKCS#8, optionally
 * encrypted (PBES2, PBKDF2-HMAC-SHA256, AES-256-CBC), to files created with mode 0600.
 * {@link #toString()} shows only the fingerprint.
 *
 * <p>{@link #destroy()} makes the identity unusable. The JDK's key object cannot wipe its own
 * memory, so destroying only drops sealdrop's reference to it.
 */
public final class Identity implements Destroyable {

	private volatile ECPrivateKey privateKey;

	private final Recipient recipient;

	private Identity(ECPrivateKey privateKey, Recipient recipient) {
		this.privateKey = privateKey;
		this.recipient = recipient;
	}

	/** A new key pair from a {@link SecureRandom}. */
	public static Identity generate() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec(P384.NAME), new SecureRandom());
			return of((ECPrivateKey) generator.generateKeyPair().getPrivate());
		}
		catch (GeneralSecurityException | InvalidKeyException ex) {
			throw new IllegalStateException("the JDK cannot generate a P-384 key pair", ex);
		}
	}

	/**
	 * From PEM text: {@code PRIVATE KEY} (PKCS#8), {@code ENCRYPTED PRIVATE KEY} (PKCS#8, PBES2) or
	 * {@code EC PRIVATE KEY} (SEC1, also OpenSSL's legacy encrypted form).
	 * @param passphraseOrNull needed only for an encrypted key; not retained
	 * @throws InvalidKeyException for another key type or curve, a wrong passphrase, or bad PEM
	 */
	public static Identity fromPem(String pem, char[] passphraseOrNull) throws InvalidKeyException {
		PrivateKeyInfo info = PrivateKeyPem.read(pem, passphraseOrNull);
		KeyEncodings.PrivateParts parts = KeyEncodings.parsePrivateKeyInfo(info);
		ECPoint publicPoint = P384.multiplyGenerator(parts.d());
		if (parts.embeddedPoint() != null) {
			ECPoint embedded = P384.decodePoint(parts.embeddedPoint());
			if (!embedded.equals(publicPoint)) {
				throw new InvalidKeyException("the public key stored with the private key does not belong to it");
			}
		}
		return new Identity(P384.privateKey(parts.d()), Recipient.fromEcPoint(publicPoint));
	}

	/**
	 * Reads a private key file (see {@link #fromPem}); error messages start with the file name.
	 * @throws InvalidKeyException if the file does not hold a usable P-384 private key
	 * @throws IOException if it cannot be read
	 */
	public static Identity read(Path file, char[] passphraseOrNull) throws IOException {
		if (Files.size(file) > Pem.MAX_TEXT_LENGTH) {
			throw new InvalidKeyException(file + ": too large to be a key file");
		}
		String text;
		try {
			text = Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (CharacterCodingException ex) {
			throw new InvalidKeyException(file + ": not a PEM key file (not text)");
		}
		try {
			return fromPem(text, passphraseOrNull);
		}
		catch (InvalidKeyException ex) {
			throw new InvalidKeyException(file + ": " + ex.getMessage(), ex);
		}
	}

	/** True if the PEM text holds an encrypted private key, so a caller knows to ask for a passphrase. */
	public static boolean needsPassphrase(String pem) {
		return PrivateKeyPem.isEncrypted(pem);
	}

	/** From a JCA private key of any provider, which must be on P-384 and expose its scalar. */
	public static Identity of(ECPrivateKey key) throws InvalidKeyException {
		if (key == null) {
			throw new InvalidKeyException("no private key");
		}
		if (!P384.isP384(key.getParams())) {
			throw new InvalidKeyException("not a P-384 key");
		}
		BigInteger d = key.getS();
		P384.checkScalar(d);
		return new Identity(P384.privateKey(d), Recipient.fromEcPoint(P384.multiplyGenerator(d)));
	}

	/** Unencrypted PKCS#8 PEM ({@code PRIVATE KEY}). */
	public String toPem() {
		byte[] der = key().getEncoded();
		try {
			return Pem.encode("PRIVATE KEY", der);
		}
		finally {
			Arrays.fill(der, (byte) 0);
		}
	}

	/**
	 * Encrypted PKCS#8 PEM ({@code ENCRYPTED PRIVATE KEY}): PBES2 with PBKDF2-HMAC-SHA256
	 * ({@value PrivateKeyPem#PBKDF2_ITERATIONS} iterations) and AES-256-CBC.
	 * @throws IllegalArgumentException if the passphrase is null or empty
	 */
	public String toEncryptedPem(char[] passphrase) {
		byte[] der = key().getEncoded();
		try {
			return Pem.encode("ENCRYPTED PRIVATE KEY", PrivateKeyPem.encrypt(PrivateKeyInfo.getInstance(der), passphrase));
		}
		finally {
			Arrays.fill(der, (byte) 0);
		}
	}

	/**
	 * Writes the private key as PEM, encrypted if a passphrase is given. The file is created with mode
	 * 0600 (where the file system is POSIX) and appears atomically, complete or not at all.
	 * @throws java.nio.file.FileAlreadyExistsException if the file exists and {@code overwrite} is false
	 */
	public void writePrivate(Path file, char[] passphraseOrNull, boolean overwrite) throws IOException {
		String pem = passphraseOrNull == null ? toPem() : toEncryptedPem(passphraseOrNull);
		byte[] bytes = pem.getBytes(StandardCharsets.US_ASCII);
		try {
			PrivateFiles.write(file, bytes, overwrite);
		}
		finally {
			Arrays.fill(bytes, (byte) 0);
		}
	}

	public Recipient recipient() {
		return recipient;
	}

	public Fingerprint fingerprint() {
		return recipient.fingerprint();
	}

	/** The private key as a JDK key. */
	public ECPrivateKey privateKey() {
		return key();
	}

	/** The scalar as 48 big-endian bytes, for Bouncy Castle's HPKE; the caller wipes it. */
	byte[] scalar() {
		return P384.unsigned(key().getS());
	}

	@Override
	public void destroy() {
		ECPrivateKey key = privateKey;
		privateKey = null;
		if (key != null) {
			try {
				key.destroy();
			}
			catch (DestroyFailedException ex) {
				// The JDK's EC keys do not implement destroy(); dropping the reference is all we can do.
			}
		}
	}

	@Override
	public boolean isDestroyed() {
		return privateKey == null;
	}

	@Override
	public String toString() {
		return "Identity[" + recipient.fingerprint() + "]";
	}

	private ECPrivateKey key() {
		ECPrivateKey key = privateKey;
		if (key == null) {
			throw new IllegalStateException("this identity has been destroyed");
		}
		return key;
	}

}
