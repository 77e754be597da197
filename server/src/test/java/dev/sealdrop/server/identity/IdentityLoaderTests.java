package dev.sealdrop.server.identity;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sealdrop.format.Identity;
import dev.sealdrop.format.trust.Certificates;
import dev.sealdrop.format.trust.LocalCertificateAuthority;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class IdentityLoaderTests {

	private static final Clock CLOCK = Clock.systemUTC();

	@TempDir
	Path dir;

	private static IdentityProperties local(Duration signingValidity, Duration renewBefore) {
		return new IdentityProperties(null, null, null, "test CA", "test signer", signingValidity, renewBefore,
				Duration.ofDays(7), 600, 100);
	}

	private static IdentityProperties configured(Path chain, Path key, String passphrase) {
		return new IdentityProperties(chain, key, passphrase, "test CA", "test signer", Duration.ofDays(365),
				Duration.ofDays(30), Duration.ofDays(7), 600, 100);
	}

	private ServerIdentity loadLocal(IdentityProperties properties) throws Exception {
		return new IdentityLoader(properties, CLOCK).loadOrCreateLocal(this.dir);
	}

	@Test
	void firstStartCreatesACaAndASigningCertificateIssuedByIt() throws Exception {
		ServerIdentity identity = loadLocal(local(Duration.ofDays(365), Duration.ofDays(30)));

		X509Certificate leaf = identity.signingCertificate();
		leaf.verify(identity.caCertificate().getPublicKey());
		assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
		assertThat(identity.chain()).hasSize(2);
		assertThat(this.dir.resolve("ca.pem")).exists();
		assertThat(this.dir.resolve("signing.pem")).exists();
	}

	@Test
	void laterStartsReuseTheSameCaAndSigningKey() throws Exception {
		ServerIdentity first = loadLocal(local(Duration.ofDays(365), Duration.ofDays(30)));

		ServerIdentity second = loadLocal(local(Duration.ofDays(365), Duration.ofDays(30)));

		assertThat(second.caCertificate().getEncoded()).isEqualTo(first.caCertificate().getEncoded());
		assertThat(second.signingCertificate().getEncoded()).isEqualTo(first.signingCertificate().getEncoded());
	}

	@Test
	void aSigningCertificateNearItsEndIsReissuedUnderTheSameCa() throws Exception {
		ServerIdentity first = loadLocal(local(Duration.ofDays(10), Duration.ofDays(30)));

		ServerIdentity second = loadLocal(local(Duration.ofDays(10), Duration.ofDays(30)));

		assertThat(second.caCertificate().getEncoded()).isEqualTo(first.caCertificate().getEncoded());
		assertThat(second.signerFingerprint()).isNotEqualTo(first.signerFingerprint());
	}

	@Test
	void aSigningKeyThatDoesNotMatchItsCertificateIsReplaced() throws Exception {
		ServerIdentity first = loadLocal(local(Duration.ofDays(365), Duration.ofDays(30)));
		Files.delete(this.dir.resolve("signing-key.pem"));
		Identity.generate().writePrivate(this.dir.resolve("signing-key.pem"), null, false);

		ServerIdentity second = loadLocal(local(Duration.ofDays(365), Duration.ofDays(30)));

		assertThat(second.signerFingerprint()).isNotEqualTo(first.signerFingerprint());
		second.signingCertificate().verify(first.caCertificate().getPublicKey());
	}

	@Test
	void aCaCertificateWithoutItsKeyStopsTheStart() throws Exception {
		loadLocal(local(Duration.ofDays(365), Duration.ofDays(30)));
		Files.delete(this.dir.resolve("ca-key.pem"));

		assertThatIllegalStateException().isThrownBy(() -> loadLocal(local(Duration.ofDays(365), Duration.ofDays(30))))
			.withMessageContaining("ca-key.pem");
	}

	@Test
	void aConfiguredChainAndKeyAreUsedAsGiven() throws Exception {
		LocalCertificateAuthority operatorCa = LocalCertificateAuthority.generate("operator CA", Duration.ofDays(100),
				CLOCK);
		KeyPair pair = LocalCertificateAuthority.generateKeyPair();
		X509Certificate leaf = operatorCa.issueSigningCertificate(pair.getPublic(), "sealdrop.example");
		Path chain = Files.writeString(this.dir.resolve("chain.pem"), Certificates.toPem(List.of(leaf, operatorCa.certificate())));
		Path key = this.dir.resolve("key.pem");
		char[] passphrase = "operator passphrase".toCharArray();
		Identity.of((java.security.interfaces.ECPrivateKey) pair.getPrivate()).writePrivate(key, passphrase, false);

		ServerIdentity identity = new IdentityLoader(configured(chain, key, "operator passphrase"), CLOCK).loadConfigured();

		assertThat(identity.signingCertificate().getEncoded()).isEqualTo(leaf.getEncoded());
		assertThat(identity.caCertificate().getEncoded()).isEqualTo(operatorCa.certificate().getEncoded());
	}

	@Test
	void aConfiguredKeyThatDoesNotMatchTheCertificateStopsTheStart() throws Exception {
		LocalCertificateAuthority operatorCa = LocalCertificateAuthority.generate(CLOCK);
		X509Certificate leaf = operatorCa.issueSigningCertificate(LocalCertificateAuthority.generateKeyPair().getPublic(),
				"x");
		Path chain = Files.writeString(this.dir.resolve("chain.pem"), Certificates.toPem(List.of(leaf)));
		Path key = this.dir.resolve("key.pem");
		Identity.generate().writePrivate(key, null, false);

		assertThatIllegalStateException()
			.isThrownBy(() -> new IdentityLoader(configured(chain, key, null), CLOCK).loadConfigured())
			.withMessageContaining("does not belong");
	}

	@Test
	void aConfiguredCaCertificateAsSignerIsRefused() throws Exception {
		LocalCertificateAuthority operatorCa = LocalCertificateAuthority.generate(CLOCK);
		Path chain = Files.writeString(this.dir.resolve("chain.pem"), Certificates.toPem(operatorCa.certificate()));
		Path key = this.dir.resolve("key.pem");
		Identity.of((java.security.interfaces.ECPrivateKey) operatorCa.privateKey()).writePrivate(key, null, false);

		assertThatIllegalStateException()
			.isThrownBy(() -> new IdentityLoader(configured(chain, key, null), CLOCK).loadConfigured())
			.withMessageContaining("end-entity");
	}

	@Test
	void chainWithoutKeyIsAConfigurationError() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> configured(this.dir.resolve("chain.pem"), null, null));
	}

	@Test
	void statementWindowSurvivesSubSecondRetirement() throws Exception {
		ServerIdentity identity = loadLocal(local(Duration.ofDays(365), Duration.ofDays(30)));
		ServerKeyStatements statements = new ServerKeyStatements(identity, local(Duration.ofDays(365), Duration.ofDays(30)),
				new org.springframework.beans.factory.support.StaticListableBeanFactory().getBeanProvider(Clock.class));
		Instant created = Instant.parse("2026-03-01T10:00:00.100Z");

		var signed = statements.retired(Identity.generate().recipient(), created, created.plusMillis(200));

		var statement = dev.sealdrop.format.trust.KeyStatement.parse(signed.statement().text());
		assertThat(statement.notAfter()).isAfter(statement.notBefore());
	}

}
