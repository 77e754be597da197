package dev.sealdrop.server.tokens;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

import dev.sealdrop.server.system.UtcTimestamps;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Plain-JDBC access to {@code api_tokens} (portable SQL). */
@Repository
class ApiTokenRepository {

	/** The token and its owner, as the bearer filter needs them. */
	record Active(ApiToken token, String username, boolean admin) {
	}

	private static final String COLUMNS = "t.id, t.user_id, t.name, t.token_hash, t.created_at, t.last_used_at, t.revoked_at";

	private final JdbcClient jdbc;

	ApiTokenRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(ApiToken token) {
		this.jdbc
			.sql("INSERT INTO api_tokens (id, user_id, name, token_hash, created_at, last_used_at, revoked_at) "
					+ "VALUES (?, ?, ?, ?, ?, NULL, NULL)")
			.params(token.id(), token.userId(), token.name(), token.tokenHash(), UtcTimestamps.toDb(token.createdAt()))
			.update();
	}

	/** An unrevoked token of an enabled user, by hash. */
	Optional<Active> findActiveByHash(String tokenHash) {
		return this.jdbc
			.sql("SELECT " + COLUMNS + ", u.username, u.admin FROM api_tokens t JOIN users u ON u.id = t.user_id "
					+ "WHERE t.token_hash = ? AND t.revoked_at IS NULL AND u.enabled = TRUE")
			.param(tokenHash)
			.query((rs, row) -> new Active(map(rs, row), rs.getString("username"), rs.getBoolean("admin")))
			.optional();
	}

	List<ApiToken> findActiveByUser(String userId) {
		return this.jdbc
			.sql("SELECT " + COLUMNS + " FROM api_tokens t WHERE t.user_id = ? AND t.revoked_at IS NULL "
					+ "ORDER BY t.created_at, t.id")
			.param(userId)
			.query(ApiTokenRepository::map)
			.list();
	}

	long countActiveByUser(String userId) {
		return this.jdbc.sql("SELECT COUNT(*) FROM api_tokens WHERE user_id = ? AND revoked_at IS NULL")
			.param(userId)
			.query(Long.class)
			.single();
	}

	/** Revokes one of the user's own active tokens; false if there is none with that id. */
	int revokeAll(String userId, Instant now) {
		return this.jdbc.sql("UPDATE api_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL")
			.params(now, userId)
			.update();
	}

	boolean revoke(String id, String userId, Instant now) {
		return this.jdbc
			.sql("UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at IS NULL")
			.params(UtcTimestamps.toDb(now), id, userId)
			.update() == 1;
	}

	void touch(String id, Instant now) {
		this.jdbc.sql("UPDATE api_tokens SET last_used_at = ? WHERE id = ?").params(UtcTimestamps.toDb(now), id).update();
	}

	private static ApiToken map(ResultSet rs, int row) throws SQLException {
		return new ApiToken(rs.getString("id"), rs.getString("user_id"), rs.getString("name"),
				rs.getString("token_hash"), UtcTimestamps.fromDb(rs.getObject("created_at", LocalDateTime.class)),
				UtcTimestamps.fromDb(rs.getObject("last_used_at", LocalDateTime.class)),
				UtcTimestamps.fromDb(rs.getObject("revoked_at", LocalDateTime.class)));
	}

}
