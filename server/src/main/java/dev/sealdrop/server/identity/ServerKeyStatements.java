package dev.sealdrop.server.identity;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import dev.sealdrop.format.Recipient;
import dev.sealdrop.format.trust.KeyStatement;
import dev.sealdrop.format.trust.SignedKeyStatement;
import dev.sealdrop.server.keys.ServerKeyRing;

/**
 * Signs key statements (PROTOCOL.md, "Key statement") for the server's encryption keys with the
 * signing identity, for {@code GET /api/v1/server-key}. A statement for the current key is valid
 * from the key's creation until {@code sealdrop.identity.statement-validity} after it was served
 * (never past the signing certificate); one for a retired key from its creation until its
 * retirement. Each call signs afresh (ECDSA, cheap), so a client always gets a statement that is
 * valid now.
 */
@Component
public class ServerKeyStatements {

	private final ServerIdentity identity;

	private final IdentityProperties properties;

	private final Clock clock;

	ServerKeyStatements(ServerIdentity identity, IdentityProperties properties, ObjectProvider<Clock> clock) {
		this.identity = identity;
		this.properties = properties;
		this.clock = clock.getIfAvailable(Clock::systemUTC);
	}

	/** The statement for a key of the ring: current or retired, by the key's state. */
	public SignedKey forKey(ServerKeyRing.ServerKey key) {
		Recipient recipient = key.identity().recipient();
		return (key.retiredAt() == null) ? current(recipient, key.createdAt())
				: retired(recipient, key.createdAt(), key.retiredAt());
	}

	/** A statement that {@code key}, created at {@code createdAt}, is the current encryption key. */
	public SignedKey current(Recipient key, Instant createdAt) {
		Instant now = this.clock.instant();
		Instant notAfter = now.plus(this.properties.statementValidity());
		Instant certificateEnd = this.identity.signingCertificate().getNotAfter().toInstant();
		if (certificateEnd.isBefore(notAfter)) {
			notAfter = certificateEnd;
		}
		return sign(key, createdAt, notAfter, KeyStatement.Status.CURRENT);
	}

	/** A statement that {@code key} was current from {@code createdAt} until {@code retiredAt}. */
	public SignedKey retired(Recipient key, Instant createdAt, Instant retiredAt) {
		return sign(key, createdAt, retiredAt, KeyStatement.Status.RETIRED);
	}

	private SignedKey sign(Recipient key, Instant notBefore, Instant notAfter, KeyStatement.Status status) {
		// Statements carry whole seconds; keep the window non-empty after truncation.
		Instant from = notBefore.truncatedTo(ChronoUnit.SECONDS);
		Instant until = notAfter.truncatedTo(ChronoUnit.SECONDS);
		if (!until.isAfter(from)) {
			until = from.plusSeconds(1);
		}
		SignedKeyStatement signed = new KeyStatement(key, from, until, status).sign(this.identity.signingKey());
		return new SignedKey(this.identity.chainPem(), new Statement(signed.statement(), signed.signature()));
	}

	/**
	 * A signed statement with the chain to check it, as {@code GET /api/v1/server-key} shows it.
	 * @param certificateChain PEM certificates, signing certificate first, the pinnable CA last
	 * @param statement the statement and its signature
	 */
	@Schema(name = "SignedKeyStatement")
	public record SignedKey(List<String> certificateChain, Statement statement) {
	}

	/**
	 * @param text the canonical statement text
	 * @param signature base64 of the DER ECDSA P-384/SHA-384 signature over the UTF-8 bytes of {@code text}
	 */
	@Schema(name = "KeyStatement")
	public record Statement(String text, String signature) {
	}

}
