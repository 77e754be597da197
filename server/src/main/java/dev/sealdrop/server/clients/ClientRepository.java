package dev.sealdrop.server.clients;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.sealdrop.server.system.UtcTimestamps;

/** Plain JDBC access to {@code clients}. */
@Repository
class ClientRepository {

	private static final String COLUMNS = "id, user_id, name, public_key, fingerprint, created_at, revoked_at";

	private final JdbcClient jdbc;

	ClientRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(RegisteredClient client) {
		this.jdbc.sql("INSERT INTO clients (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, NULL)")
			.params(client.id(), client.userId(), client.name(), client.publicKeyPem(), client.fingerprint(),
					UtcTimestamps.toDb(client.createdAt()))
			.update();
	}

	/** Oldest first. */
	List<RegisteredClient> findByUser(String userId) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM clients WHERE user_id = ? ORDER BY created_at, id")
			.param(userId)
			.query(ClientRepository::map)
			.list();
	}

	Optional<RegisteredClient> findByIdAndUser(String id, String userId) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM clients WHERE id = ? AND user_id = ?")
			.params(id, userId)
			.query(ClientRepository::map)
			.optional();
	}

	long countActive(String userId) {
		return this.jdbc.sql("SELECT COUNT(*) FROM clients WHERE user_id = ? AND revoked_at IS NULL")
			.param(userId)
			.query(Long.class)
			.single();
	}

	boolean activeFingerprintExists(String userId, String fingerprint) {
		return this.jdbc
			.sql("SELECT COUNT(*) FROM clients WHERE user_id = ? AND fingerprint = ? AND revoked_at IS NULL")
			.params(userId, fingerprint)
			.query(Long.class)
			.single() > 0;
	}

	/** Whether the user revoked a client with this key and has no active one with it. */
	boolean onlyRevokedWithFingerprint(String userId, String fingerprint) {
		return this.jdbc.sql("""
				SELECT COUNT(*) FROM clients WHERE user_id = ? AND fingerprint = ? AND revoked_at IS NOT NULL
				AND NOT EXISTS (SELECT 1 FROM clients c2 WHERE c2.user_id = ? AND c2.fingerprint = ?
				AND c2.revoked_at IS NULL)""")
			.params(userId, fingerprint, userId, fingerprint)
			.query(Long.class)
			.single() > 0;
	}

	/** @return whether an active client was revoked now */
	boolean revoke(String id, String userId, Instant at) {
		return this.jdbc.sql("UPDATE clients SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at IS NULL")
			.params(UtcTimestamps.toDb(at), id, userId)
			.update() == 1;
	}

	private static RegisteredClient map(ResultSet rs, int row) throws SQLException {
		return new RegisteredClient(rs.getString("id"), rs.getString("user_id"), rs.getString("name"),
				rs.getString("public_key"), rs.getString("fingerprint"),
				UtcTimestamps.fromDb(rs.getObject("created_at", LocalDateTime.class)),
				UtcTimestamps.fromDb(rs.getObject("revoked_at", LocalDateTime.class)));
	}

}
