package dev.sealdrop.server.identity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.sealdrop.format.Identity;
import dev.sealdrop.format.InvalidKeyException;
import dev.sealdrop.format.Recipient;
import dev.sealdrop.format.trust.Certificates;
import dev.sealdrop.format.trust.LocalCertificateAuthority;
import dev.sealdrop.format.trust.TrustException;

/**
 * Loads the signing identity at start, creating the local one on first start. Files of the local
 * identity, in {@code ${sealdrop.data-dir}/identity/} (0700): {@code ca.pem}, {@code ca-key.pem}
 * (0600), {@code signing.pem}, {@code signing-key.pem} (0600). Keys are written before their
 * certificates, so a crash in between leaves a state the next start repairs: a missing CA
 * certificate makes a new CA, a signing certificate that does not match its key (or the CA, or is
 * near its end) is re-issued. An existing CA certificate is never replaced: clients pinned it.
 */
final class IdentityLoader {

	private static final Logger logger = LoggerFactory.getLogger(IdentityLoader.class);

	static final String CA_CERT = "ca.pem";

	static final String CA_KEY = "ca-key.pem";

	static final String SIGNING_CERT = "signing.pem";

	static final String SIGNING_KEY = "signing-key.pem";

	private final IdentityProperties properties;

	private final Clock clock;

	IdentityLoader(IdentityProperties properties, Clock clock) {
		this.properties = properties;
		this.clock = clock;
	}

	ServerIdentity loadConfigured() throws IOException {
		List<X509Certificate> chain = readChain(this.properties.certificateChainFile());
		// An unset environment variable arrives as "": no passphrase (an encrypted key then says it needs one).
		String configured = this.properties.privateKeyPassphrase();
		char[] passphrase = (configured != null && !configured.isEmpty()) ? configured.toCharArray() : null;
		Identity key = Identity.read(this.properties.privateKeyFile(), passphrase);
		X509Certificate leaf = chain.get(0);
		if (!publicKeyMatches(leaf, key)) {
			throw new IllegalStateException("sealdrop.identity.private-key-file does not belong to the first "
					+ "certificate of sealdrop.identity.certificate-chain-file");
		}
		if (leaf.getBasicConstraints() >= 0 || leaf.getKeyUsage() == null || !leaf.getKeyUsage()[0]) {
			throw new IllegalStateException("the signing certificate (first of sealdrop.identity.certificate-chain-file) "
					+ "must be an end-entity certificate with KeyUsage digitalSignature");
		}
		warnIfEnding(leaf);
		logger.info("Using the configured signing identity {}", Certificates.keyFingerprint(leaf));
		return new ServerIdentity(chain, key.privateKey());
	}

	ServerIdentity loadOrCreateLocal(Path dir) throws IOException {
		LocalCertificateAuthority ca = loadOrCreateCa(dir);
		Path certFile = dir.resolve(SIGNING_CERT);
		Path keyFile = dir.resolve(SIGNING_KEY);
		if (Files.exists(certFile) && Files.exists(keyFile)) {
			X509Certificate leaf = readChain(certFile).get(0);
			Identity key = Identity.read(keyFile, null);
			if (usable(leaf, key, ca)) {
				return new ServerIdentity(List.of(leaf, ca.certificate()), key.privateKey());
			}
			logger.info("Re-issuing the signing certificate (missing, mismatched or near its end)");
		}
		KeyPair pair = LocalCertificateAuthority.generateKeyPair();
		Identity key = identity(pair);
		Instant now = this.clock.instant();
		X509Certificate leaf = ca.issueSigningCertificate(pair.getPublic(), this.properties.signerName(), List.of(),
				now.minusSeconds(300), now.plus(this.properties.signingValidity()));
		key.writePrivate(keyFile, null, true);
		writeAtomically(certFile, Certificates.toPem(leaf));
		logger.info("Issued signing certificate {} from the local CA", Certificates.keyFingerprint(leaf));
		return new ServerIdentity(List.of(leaf, ca.certificate()), key.privateKey());
	}

	private LocalCertificateAuthority loadOrCreateCa(Path dir) throws IOException {
		Path certFile = dir.resolve(CA_CERT);
		Path keyFile = dir.resolve(CA_KEY);
		if (Files.exists(certFile)) {
			if (!Files.exists(keyFile)) {
				throw new IllegalStateException("The local CA certificate " + certFile + " exists but its key " + keyFile
						+ " does not; restore the key, or delete both to make a new CA (clients must then re-pin)");
			}
			X509Certificate certificate = readChain(certFile).get(0);
			Identity key = Identity.read(keyFile, null);
			return LocalCertificateAuthority.of(certificate, key.privateKey(), this.clock);
		}
		LocalCertificateAuthority ca = LocalCertificateAuthority.generate(this.properties.caName(),
				LocalCertificateAuthority.DEFAULT_CA_VALIDITY, this.clock);
		identity(ca.privateKey()).writePrivate(keyFile, null, true);
		writeAtomically(certFile, Certificates.toPem(ca.certificate()));
		logger.info("Created the local CA {}; clients pin it from GET /api/v1/server-key/ca.pem",
				Certificates.keyFingerprint(ca.certificate()));
		return ca;
	}

	private boolean usable(X509Certificate leaf, Identity key, LocalCertificateAuthority ca) {
		if (!publicKeyMatches(leaf, key)) {
			return false;
		}
		try {
			leaf.verify(ca.certificate().getPublicKey());
		}
		catch (GeneralSecurityException ex) {
			return false;
		}
		Instant renewAt = leaf.getNotAfter().toInstant().minus(this.properties.renewBefore());
		return this.clock.instant().isBefore(renewAt);
	}

	private void warnIfEnding(X509Certificate leaf) {
		Instant renewAt = leaf.getNotAfter().toInstant().minus(this.properties.renewBefore());
		if (!this.clock.instant().isBefore(renewAt)) {
			logger.warn("The configured signing certificate ends at {}; replace it soon", leaf.getNotAfter().toInstant());
		}
	}

	private static boolean publicKeyMatches(X509Certificate certificate, Identity key) {
		try {
			return Recipient.of(certificate.getPublicKey()).equals(key.recipient());
		}
		catch (InvalidKeyException ex) {
			return false;
		}
	}

	private static List<X509Certificate> readChain(Path file) throws IOException {
		try {
			return Certificates.parsePem(Files.readString(file, StandardCharsets.US_ASCII));
		}
		catch (TrustException ex) {
			throw new IllegalStateException("Not a PEM certificate chain: " + file + " (" + ex.getMessage() + ")", ex);
		}
	}

	private static Identity identity(KeyPair pair) {
		return identity(pair.getPrivate());
	}

	private static Identity identity(java.security.PrivateKey key) {
		try {
			return Identity.of((ECPrivateKey) key);
		}
		catch (InvalidKeyException | ClassCastException ex) {
			throw new IllegalStateException("generated key is not a P-384 key", ex);
		}
	}

	// Certificates are public; atomic replacement keeps a reader from seeing half a file.
	private static void writeAtomically(Path file, String text) throws IOException {
		Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
		try {
			Files.writeString(tmp, text, StandardCharsets.US_ASCII);
			Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		finally {
			Files.deleteIfExists(tmp);
		}
	}

}
