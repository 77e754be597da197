package dev.sealdrop.format.trust;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LocalCertificateAuthorityTests {

	private static final int DIGITAL_SIGNATURE = 0;

	private static final int KEY_CERT_SIGN = 5;

	private static final int CRL_SIGN = 6;

	private final TrustFixtures fx = new TrustFixtures();

	@Test
	void caCertificateIsASelfSignedP384CaForEndEntitiesOnly() throws Exception {
		X509Certificate ca = this.fx.ca.certificate();
		assertThat(ca.getSubjectX500Principal()).isEqualTo(ca.getIssuerX500Principal());
		assertThat(ca.getSubjectX500Principal().getName()).isEqualTo("CN=" + LocalCertificateAuthority.DEFAULT_NAME);
		assertThatCode(() -> ca.verify(ca.getPublicKey())).doesNotThrowAnyException();
		assertThat(ca.getSigAlgName()).isEqualTo("SHA384withECDSA");
		assertThat(ca.getBasicConstraints()).isZero();
		assertThat(ca.getCriticalExtensionOIDs()).contains(Extension.basicConstraints.getId(), Extension.keyUsage.getId());
		assertThat(ca.getKeyUsage()).containsExactly(false, false, false, false, false, true, true, false, false);
		assertThat(ca.getExtensionValue(Extension.subjectKeyIdentifier.getId())).isNotNull();
		assertThat(ca.getVersion()).isEqualTo(3);
		assertThat(((java.security.interfaces.ECPublicKey) ca.getPublicKey()).getParams().getOrder().bitLength()).isEqualTo(384);
	}

	@Test
	void caValidityIsTenYearsFromNowLessTheBackdate() {
		X509Certificate ca = this.fx.ca.certificate();
		assertThat(ca.getNotBefore().toInstant()).isEqualTo(TrustFixtures.NOW.minus(LocalCertificateAuthority.BACKDATE));
		assertThat(ca.getNotAfter().toInstant()).isEqualTo(TrustFixtures.NOW.plus(LocalCertificateAuthority.DEFAULT_CA_VALIDITY));
	}

	@Test
	void signingCertificateIsAnEndEntityForDigitalSignaturesIssuedByTheCa() throws Exception {
		X509Certificate leaf = this.fx.leaf;
		X509Certificate ca = this.fx.ca.certificate();
		assertThatCode(() -> leaf.verify(ca.getPublicKey())).doesNotThrowAnyException();
		assertThat(leaf.getIssuerX500Principal()).isEqualTo(ca.getSubjectX500Principal());
		assertThat(leaf.getSubjectX500Principal().getName()).isEqualTo("CN=sealdrop server");
		assertThat(leaf.getPublicKey()).isEqualTo(this.fx.signing.getPublic());
		assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
		assertThat(leaf.getKeyUsage()).containsExactly(true, false, false, false, false, false, false, false, false);
		assertThat(leaf.getExtendedKeyUsage()).isNull();
		assertThat(leaf.getCriticalExtensionOIDs()).contains(Extension.basicConstraints.getId(), Extension.keyUsage.getId());
		assertThat(leaf.getNotAfter().toInstant())
			.isEqualTo(TrustFixtures.NOW.plus(LocalCertificateAuthority.DEFAULT_SIGNING_VALIDITY));
		byte[] aki = AuthorityKeyIdentifier
			.getInstance(ASN1OctetString.getInstance(leaf.getExtensionValue(Extension.authorityKeyIdentifier.getId())).getOctets())
			.getKeyIdentifier();
		byte[] ski = SubjectKeyIdentifier
			.getInstance(ASN1OctetString.getInstance(ca.getExtensionValue(Extension.subjectKeyIdentifier.getId())).getOctets())
			.getKeyIdentifier();
		assertThat(aki).isEqualTo(ski);
		assertThat(AuthorityKeyIdentifier
			.getInstance(ASN1OctetString.getInstance(leaf.getExtensionValue(Extension.authorityKeyIdentifier.getId())).getOctets())
			.getAuthorityCertIssuer()).as("key id only, so re-issuing the CA keeps its certificates valid").isNull();
	}

	@Test
	void serialNumbersArePositiveAndDistinct() {
		X509Certificate other = this.fx.ca.issueSigningCertificate(this.fx.signing.getPublic(), "sealdrop server");
		assertThat(this.fx.leaf.getSerialNumber().signum()).isPositive();
		assertThat(this.fx.leaf.getSerialNumber()).isNotEqualTo(other.getSerialNumber());
		assertThat(this.fx.leaf.getSerialNumber().bitLength()).isLessThanOrEqualTo(159);
	}

	@Test
	void dnsNamesBecomeSubjectAltNames() throws Exception {
		X509Certificate leaf = this.fx.ca.issueSigningCertificate(this.fx.signing.getPublic(), "sealdrop server",
				List.of("files.example.org", "localhost"), TrustFixtures.NOW, TrustFixtures.NOW.plus(Duration.ofDays(1)));
		Collection<List<?>> names = leaf.getSubjectAlternativeNames();
		assertThat(names).containsExactly(List.of(2, "files.example.org"), List.of(2, "localhost"));
	}

	@Test
	void commonNameWithSeparatorsStaysOneAttribute() {
		X509Certificate leaf = this.fx.ca.issueSigningCertificate(this.fx.signing.getPublic(), "a,O=evil");
		assertThat(leaf.getSubjectX500Principal().getName()).isEqualTo("CN=a\\,O\\=evil");
	}

	@Test
	void invalidIssueParametersAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(
				() -> this.fx.ca.issueSigningCertificate(this.fx.signing.getPublic(), "x", List.of(), TrustFixtures.NOW, TrustFixtures.NOW));
		assertThatIllegalArgumentException().isThrownBy(() -> this.fx.ca.issueSigningCertificate(this.fx.signing.getPublic(), ""));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.fx.ca.issueSigningCertificate(this.fx.signing.getPublic(), "x".repeat(65)));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LocalCertificateAuthority.generate("ca", Duration.ZERO, this.fx.clock));
	}

	@Test
	void keyOnAnotherCurveIsNotCertified() throws Exception {
		java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("EC");
		generator.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
		KeyPair p256 = generator.generateKeyPair();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.fx.ca.issueSigningCertificate(p256.getPublic(), "sealdrop server"));
	}

	@Test
	void reloadedCaIssuesCertificatesTheOriginalAnchorAccepts() throws Exception {
		String pem = Certificates.toPem(this.fx.ca.certificate());
		LocalCertificateAuthority reloaded = LocalCertificateAuthority.of(Certificates.parsePem(pem).get(0),
				(ECPrivateKey) this.fx.ca.privateKey(), this.fx.clock);
		X509Certificate leaf = reloaded.issueSigningCertificate(this.fx.signing.getPublic(), "sealdrop server");
		assertThat(this.fx.verifier().verify(List.of(leaf), this.fx.signed, this.fx.encryptionKey).key())
			.isEqualTo(this.fx.encryptionKey);
	}

	@Test
	void loadingWithTheWrongPrivateKeyIsRefused() {
		ECPrivateKey other = (ECPrivateKey) LocalCertificateAuthority.generateKeyPair().getPrivate();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LocalCertificateAuthority.of(this.fx.ca.certificate(), other, this.fx.clock));
	}

	@Test
	void loadingAnEndEntityCertificateAsCaIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> LocalCertificateAuthority.of(this.fx.leaf,
				(ECPrivateKey) this.fx.signing.getPrivate(), this.fx.clock));
	}

}
