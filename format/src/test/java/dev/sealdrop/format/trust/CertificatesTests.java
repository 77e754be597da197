package dev.sealdrop.format.trust;

import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;

import dev.sealdrop.format.Recipient;
import dev.sealdrop.format.trust.TrustException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CertificatesTests {

	private final TrustFixtures fx = new TrustFixtures();

	@Test
	void chainRoundTripsThroughPem() throws TrustException {
		String pem = Certificates.toPem(this.fx.chain);
		assertThat(pem).startsWith("-----BEGIN CERTIFICATE-----\n").endsWith("-----END CERTIFICATE-----\n");
		assertThat(pem.lines()).allSatisfy((line) -> assertThat(line.length()).isLessThanOrEqualTo(64));
		assertThat(Certificates.parsePem(pem)).containsExactlyElementsOf(this.fx.chain);
	}

	@Test
	void crlfAndBlankLinesBetweenBlocksAreAccepted() throws TrustException {
		String pem = "\n" + Certificates.toPem(this.fx.leaf) + "\n" + Certificates.toPem(this.fx.ca.certificate());
		assertThat(Certificates.parsePem(pem.replace("\n", "\r\n"))).containsExactlyElementsOf(this.fx.chain);
	}

	@Test
	void keyFingerprintIsTheSha256OfTheSpki() throws Exception {
		String expected = "sha256:" + HexFormat.of()
			.formatHex(MessageDigest.getInstance("SHA-256").digest(this.fx.signing.getPublic().getEncoded()));
		assertThat(Certificates.keyFingerprint(this.fx.leaf).toString()).isEqualTo(expected);
		assertThat(Certificates.keyFingerprint(this.fx.leaf)).isEqualTo(Recipient.of(this.fx.signing.getPublic()).fingerprint());
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "\n", "hello\n", "-----BEGIN CERTIFICATE-----\n",
			"-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n",
			"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
			"-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n" })
	void nonCertificatesAreMalformed(String pem) {
		assertMalformed(pem);
	}

	@Test
	void textAroundTheBlocksIsMalformed() {
		assertMalformed("Subject: x\n" + Certificates.toPem(this.fx.leaf));
		assertMalformed(Certificates.toPem(this.fx.leaf) + "trailing\n");
	}

	@Test
	void whitespaceInsideTheBodyIsMalformed() {
		String pem = Certificates.toPem(this.fx.leaf);
		String[] lines = pem.split("\n");
		lines[1] = " " + lines[1].substring(1);
		assertMalformed(String.join("\n", lines) + "\n");
		assertMalformed(pem.replaceFirst("\n", "\n\n"));
	}

	@Test
	void overlongBodyLinesAreMalformed() {
		String pem = Certificates.toPem(this.fx.leaf);
		String[] lines = pem.split("\n");
		String joined = lines[0] + "\n" + String.join("", java.util.Arrays.copyOfRange(lines, 1, lines.length - 1)) + "\n"
				+ lines[lines.length - 1] + "\n";
		assertMalformed(joined);
	}

	@Test
	void bytesAfterTheDerCertificateAreMalformed() throws Exception {
		byte[] der = this.fx.leaf.getEncoded();
		byte[] longer = java.util.Arrays.copyOf(der, der.length + 2);
		assertThatThrownBy(() -> Certificates.parseDer(longer)).isInstanceOfSatisfying(TrustException.class,
				(ex) -> assertThat(ex.reason()).isEqualTo(Reason.MALFORMED));
	}

	@Test
	void truncatedDerIsMalformed() throws Exception {
		byte[] der = this.fx.leaf.getEncoded();
		assertThatThrownBy(() -> Certificates.parseDer(java.util.Arrays.copyOf(der, der.length - 1)))
			.isInstanceOfSatisfying(TrustException.class, (ex) -> assertThat(ex.reason()).isEqualTo(Reason.MALFORMED));
	}

	@Test
	void moreThanEightCertificatesAreMalformed() {
		List<X509Certificate> nine = java.util.Collections.nCopies(9, this.fx.leaf);
		assertMalformed(Certificates.toPem(nine));
	}

	@Test
	void overlongTextIsMalformed() {
		assertMalformed("\n".repeat(Certificates.MAX_PEM_LENGTH + 1));
	}

	private static void assertMalformed(String pem) {
		assertThatThrownBy(() -> Certificates.parsePem(pem)).isInstanceOfSatisfying(TrustException.class,
				(ex) -> assertThat(ex.reason()).isEqualTo(Reason.MALFORMED));
	}

}
