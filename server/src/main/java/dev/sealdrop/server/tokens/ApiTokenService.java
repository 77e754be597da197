package dev.sealdrop.server.tokens;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.sealdrop.server.audit.AuditAction;
import dev.sealdrop.server.audit.AuditLog;
import dev.sealdrop.server.problem.ApiException;
import dev.sealdrop.server.problem.ProblemType;
import dev.sealdrop.server.security.SealdropPrincipal;
import dev.sealdrop.server.system.UtcTimestamps;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issues, lists, revokes and verifies API tokens. The secret exists only in the response to
 * {@link #create}; afterwards the server knows its SHA-256 and nothing else.
 */
@Service
@EnableConfigurationProperties(TokenProperties.class)
public class ApiTokenService {

	private static final Logger log = LoggerFactory.getLogger(ApiTokenService.class);

	/** A newly created token with its secret, returned exactly once. */
	record Created(ApiToken token, String secret) {

		@Override
		public String toString() {
			return "Created[" + this.token + "]";
		}

	}

	private final ApiTokenRepository tokens;

	private final TokenProperties properties;

	private final SecureRandom random = new SecureRandom();

	private final AuditLog audit;

	ApiTokenService(ApiTokenRepository tokens, TokenProperties properties, AuditLog audit) {
		this.audit = audit;
		this.tokens = tokens;
		this.properties = properties;
	}

	@Transactional
	Created create(SealdropPrincipal owner, String name) {
		if (this.tokens.countActiveByUser(owner.userId()) >= this.properties.maxPerUser()) {
			throw new ApiException(ProblemType.CONFLICT, "You already have " + this.properties.maxPerUser()
					+ " active tokens, the maximum; revoke one first.");
		}
		String secret = ApiTokens.generate(this.random);
		ApiToken token = new ApiToken(UUID.randomUUID().toString(), owner.userId(), name, ApiTokens.hash(secret),
				UtcTimestamps.now(), null, null);
		this.tokens.insert(token);
		log.info("User {} created API token {} ({})", owner.username(), token.id(), name);
		this.audit.success(owner, AuditAction.TOKEN_CREATE, "token:" + token.id(), null);
		return new Created(token, secret);
	}

	List<ApiToken> list(SealdropPrincipal owner) {
		return this.tokens.findActiveByUser(owner.userId());
	}

	void revoke(SealdropPrincipal owner, String id) {
		if (!this.tokens.revoke(id, owner.userId(), UtcTimestamps.now())) {
			throw new ApiException(ProblemType.NOT_FOUND, "You have no active token with id '" + id + "'.");
		}
		log.info("User {} revoked API token {}", owner.username(), id);
		this.audit.success(owner, AuditAction.TOKEN_REVOKE, "token:" + id, null);
	}

	/**
	 * The owner of a presented bearer token, if the token is well-formed, known, unrevoked and its
	 * owner enabled. Records the use at most once per {@code sealdrop.tokens.last-used-granularity}.
	 * @param presented the token from the {@code Authorization} header; never logged
	 */
	public Optional<SealdropPrincipal> authenticate(String presented) {
		if (!ApiTokens.isWellFormed(presented)) {
			return Optional.empty();
		}
		String hash = ApiTokens.hash(presented);
		return this.tokens.findActiveByHash(hash)
			// The database compared the hash already; re-check in constant time so correctness never
			// rests on the collation or comparison semantics of whichever database is configured.
			.filter((active) -> MessageDigest.isEqual(active.token().tokenHash().getBytes(StandardCharsets.US_ASCII),
					hash.getBytes(StandardCharsets.US_ASCII)))
			.map((active) -> {
				touchIfStale(active.token());
				return new SealdropPrincipal(active.token().userId(), active.username(), active.admin());
			});
	}

	private void touchIfStale(ApiToken token) {
		Instant now = UtcTimestamps.now();
		Instant lastUsed = token.lastUsedAt();
		if (lastUsed == null || lastUsed.plus(this.properties.lastUsedGranularity()).isBefore(now)) {
			this.tokens.touch(token.id(), now);
		}
	}

	/**
	 * Revokes every token of a user: an administrator resetting a password assumes the account may be
	 * in other hands, and a token outlives a password change otherwise.
	 * @return how many tokens were revoked
	 */
	public int revokeAllOf(String userId) {
		int revoked = this.tokens.revokeAll(userId, UtcTimestamps.now());
		if (revoked > 0) {
			log.info("Revoked {} API tokens of user {}", revoked, userId);
		}
		return revoked;
	}

}
