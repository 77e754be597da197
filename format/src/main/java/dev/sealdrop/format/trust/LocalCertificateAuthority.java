package dev.sealdrop.format.trust;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;

import dev.sealdrop.format.InvalidKeyException;
import dev.sealdrop.format.Recipient;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The certificate authority an embedded sealdrop server creates for itself on first start: a P-384
 * key and a self-signed CA certificate that clients download once and pin. It issues the server's
 * signing certificate, which is what signs key statements and challenge answers.
 * <p>Certificates it makes:
 * <ul>
 * <li>CA: BasicConstraints CA:true, pathLen 0 (it issues end-entity certificates only), KeyUsage
 * keyCertSign and cRLSign, both critical; SubjectKeyIdentifier.</li>
 * <li>Signing certificate: BasicConstraints CA:false and KeyUsage digitalSignature, both critical;
 * SubjectKeyIdentifier, AuthorityKeyIdentifier; DNS subjectAltNames if given. No
 * ExtendedKeyUsage: no registered purpose describes "signs sealdrop key statements", the
 * signatures are domain-separated by their first line so they cannot be mistaken for anything
 * else, and {@code serverAuth} would wrongly invite using the key for TLS.</li>
 * </ul>
 * Serial numbers are 127-bit random; signatures are ECDSA P-384 with SHA-384.
 * The private key is the caller's to store (0600), e.g. as a sealdrop {@code Identity}.
 */
public final class LocalCertificateAuthority {

	/** Subject common name of a generated CA unless one is given. */
	public static final String DEFAULT_NAME = "sealdrop local CA";

	/** Validity of a generated CA certificate unless one is given. */
	public static final Duration DEFAULT_CA_VALIDITY = Duration.ofDays(3653);

	/** Validity of a signing certificate unless one is given. */
	public static final Duration DEFAULT_SIGNING_VALIDITY = Duration.ofDays(365);

	/**
	 * How far a certificate's notBefore is set before its issue time, so that a client whose clock
	 * is a little behind the server's does not see a brand-new certificate as not yet valid.
	 */
	static final Duration BACKDATE = Duration.ofMinutes(5);

	private static final String SIGNATURE_ALGORITHM = "SHA384withECDSA";

	private final X509Certificate certificate;

	private final PrivateKey privateKey;

	private final Clock clock;

	private LocalCertificateAuthority(X509Certificate certificate, PrivateKey privateKey, Clock clock) {
		this.certificate = certificate;
		this.privateKey = privateKey;
		this.clock = clock;
	}

	/** A new CA named {@link #DEFAULT_NAME}, valid for {@link #DEFAULT_CA_VALIDITY}. */
	public static LocalCertificateAuthority generate(Clock clock) {
		return generate(DEFAULT_NAME, DEFAULT_CA_VALIDITY, clock);
	}

	/**
	 * A new CA with a fresh P-384 key.
	 * @param commonName subject CN; a random serial-like suffix is not added, so give each server a
	 * distinct name if several CAs may be pinned side by side
	 * @param validity how long the CA certificate is valid from now
	 * @param clock the time source
	 */
	public static LocalCertificateAuthority generate(String commonName, Duration validity, Clock clock) {
		Objects.requireNonNull(clock, "clock");
		KeyPair keyPair = generateKeyPair();
		X500Name name = name(commonName);
		Instant now = clock.instant();
		try {
			JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
			X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(), date(now.minus(BACKDATE)),
					date(now.plus(positive(validity))), name, keyPair.getPublic())
				.addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
				.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
				.addExtension(Extension.subjectKeyIdentifier, false,
						extensions.createSubjectKeyIdentifier(keyPair.getPublic()));
			X509Certificate certificate = sign(builder, keyPair.getPrivate());
			return new LocalCertificateAuthority(certificate, keyPair.getPrivate(), clock);
		}
		catch (GeneralSecurityException | CertIOException ex) {
			throw new IllegalStateException("cannot create the CA certificate", ex);
		}
	}

	/**
	 * A CA loaded from storage.
	 * @throws IllegalArgumentException if the certificate is not a CA certificate allowed to sign
	 * certificates, its key is not P-384, or the private key does not belong to it
	 */
	public static LocalCertificateAuthority of(X509Certificate certificate, ECPrivateKey privateKey, Clock clock) {
		Objects.requireNonNull(certificate, "certificate");
		Objects.requireNonNull(privateKey, "privateKey");
		Objects.requireNonNull(clock, "clock");
		if (certificate.getBasicConstraints() < 0) {
			throw new IllegalArgumentException("the certificate is not a CA certificate");
		}
		boolean[] keyUsage = certificate.getKeyUsage();
		if (keyUsage == null || keyUsage.length <= 5 || !keyUsage[5]) {
			throw new IllegalArgumentException("the CA certificate may not sign certificates (no keyCertSign)");
		}
		try {
			Recipient.of(certificate.getPublicKey());
		}
		catch (InvalidKeyException ex) {
			throw new IllegalArgumentException("the CA key is not a P-384 key", ex);
		}
		if (!matches(certificate.getPublicKey(), privateKey)) {
			throw new IllegalArgumentException("the private key does not belong to the CA certificate");
		}
		return new LocalCertificateAuthority(certificate, privateKey, clock);
	}

	/** The CA certificate: what clients download and pin. */
	public X509Certificate certificate() {
		return this.certificate;
	}

	/** The CA's private key, for the caller to store; never send or log it. */
	public PrivateKey privateKey() {
		return this.privateKey;
	}

	/**
	 * Issues a signing certificate for {@code subjectKey}, valid from now (less {@link #BACKDATE})
	 * for {@link #DEFAULT_SIGNING_VALIDITY}, without subjectAltNames.
	 */
	public X509Certificate issueSigningCertificate(PublicKey subjectKey, String commonName) {
		Instant now = this.clock.instant();
		return issueSigningCertificate(subjectKey, commonName, List.of(), now.minus(BACKDATE),
				now.plus(DEFAULT_SIGNING_VALIDITY));
	}

	/**
	 * Issues a signing certificate with an explicit validity window. The window is taken as given
	 * (it may lie in the past, which tests use); it is not clipped to the CA's.
	 * @param subjectKey the server's signing public key; must be P-384
	 * @param commonName subject CN
	 * @param dnsNames DNS subjectAltNames, possibly none
	 * @param notBefore first instant of validity
	 * @param notAfter last instant of validity; after notBefore
	 */
	public X509Certificate issueSigningCertificate(PublicKey subjectKey, String commonName, List<String> dnsNames,
			Instant notBefore, Instant notAfter) {
		try {
			Recipient.of(subjectKey);
		}
		catch (InvalidKeyException ex) {
			throw new IllegalArgumentException("the signing key is not a valid P-384 key", ex);
		}
		if (!notBefore.isBefore(notAfter)) {
			throw new IllegalArgumentException("notAfter must be after notBefore");
		}
		try {
			JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
			X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(this.certificate, serial(), date(notBefore),
					date(notAfter), name(commonName), subjectKey)
				.addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
				.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
				.addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(subjectKey))
				.addExtension(Extension.authorityKeyIdentifier, false, authorityKeyIdentifier(extensions));
			if (!dnsNames.isEmpty()) {
				GeneralName[] names = dnsNames.stream()
					.map((dns) -> new GeneralName(GeneralName.dNSName, dns))
					.toArray(GeneralName[]::new);
				builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
			}
			return sign(builder, this.privateKey);
		}
		catch (GeneralSecurityException | CertIOException ex) {
			throw new IllegalStateException("cannot issue the signing certificate", ex);
		}
	}

	/**
	 * The key identifier alone, equal to the CA's SubjectKeyIdentifier. Not issuer and serial: with
	 * them, re-issuing the CA certificate for the same key would orphan every certificate it issued.
	 */
	private AuthorityKeyIdentifier authorityKeyIdentifier(JcaX509ExtensionUtils extensions) {
		byte[] ski = this.certificate.getExtensionValue(Extension.subjectKeyIdentifier.getId());
		if (ski == null) {
			return extensions.createAuthorityKeyIdentifier(this.certificate.getPublicKey());
		}
		byte[] keyId = SubjectKeyIdentifier.getInstance(ASN1OctetString.getInstance(ski).getOctets()).getKeyIdentifier();
		return new AuthorityKeyIdentifier(keyId);
	}

	/** A fresh P-384 key pair from SecureRandom, e.g. for the server's signing identity. */
	public static KeyPair generateKeyPair() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp384r1"), new SecureRandom());
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("P-384 key generation is not available", ex);
		}
	}

	private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key) throws GeneralSecurityException {
		try {
			ContentSigner signer = new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).setSecureRandom(new SecureRandom())
				.build(key);
			return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
		}
		catch (OperatorCreationException ex) {
			throw new GeneralSecurityException("cannot sign with the CA key", ex);
		}
	}

	private static boolean matches(PublicKey publicKey, PrivateKey privateKey) {
		byte[] probe = Text.bytes("sealdrop-ca-key-check/1\n");
		return Signatures.verifyDer(publicKey, probe, Signatures.sign(privateKey, probe));
	}

	private static X500Name name(String commonName) {
		if (commonName == null || commonName.isBlank() || commonName.length() > 64) {
			throw new IllegalArgumentException("common name must be 1 to 64 characters");
		}
		// Built attribute by attribute, so a name containing "," or "=" stays one CN value.
		return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
	}

	private static BigInteger serial() {
		// RFC 5280 §4.1.2.2: positive, at most 20 octets; CA/B forum: at least 64 random bits.
		return new BigInteger(127, new SecureRandom()).setBit(0);
	}

	private static Duration positive(Duration validity) {
		if (validity == null || validity.isNegative() || validity.isZero()) {
			throw new IllegalArgumentException("validity must be positive");
		}
		return validity;
	}

	private static Date date(Instant instant) {
		return Date.from(instant);
	}

}
