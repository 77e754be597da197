package dev.sealdrop.format.trust;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import dev.sealdrop.format.Identity;
import dev.sealdrop.format.Recipient;

/** A CA, a signing identity with its certificate, and a signed statement for an encryption key, at a fixed time. */
final class TrustFixtures {

	static final Instant NOW = Instant.parse("2026-11-23T05:00:00Z");

	final Clock clock = at(NOW);

	final LocalCertificateAuthority ca = LocalCertificateAuthority.generate(this.clock);

	final KeyPair signing = LocalCertificateAuthority.generateKeyPair();

	final X509Certificate leaf = this.ca.issueSigningCertificate(this.signing.getPublic(), "sealdrop server");

	final List<X509Certificate> chain = List.of(this.leaf, this.ca.certificate());

	final Recipient encryptionKey = Identity.generate().recipient();

	final KeyStatement statement = new KeyStatement(this.encryptionKey, NOW.minus(Duration.ofDays(1)),
			NOW.plus(Duration.ofDays(90)), KeyStatement.Status.CURRENT);

	final SignedKeyStatement signed = this.statement.sign(this.signing.getPrivate());

	static Clock at(Instant instant) {
		return Clock.fixed(instant, ZoneOffset.UTC);
	}

	ServerTrustVerifier verifier() {
		return ServerTrustVerifier.pinningCertificate(this.ca.certificate(), this.clock);
	}

}
