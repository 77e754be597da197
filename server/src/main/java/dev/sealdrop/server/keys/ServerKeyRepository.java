package dev.sealdrop.server.keys;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;

import dev.sealdrop.server.system.UtcTimestamps;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code server_keys} table. Timestamps are UTC. */
@Repository
class ServerKeyRepository {

	private final JdbcClient jdbc;

	ServerKeyRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<ServerKeyRow> findAll() {
		return this.jdbc.sql("""
				SELECT kid, fingerprint, source, status, created_at, retired_at
				FROM server_keys ORDER BY created_at DESC""")
			.query((rs, n) -> new ServerKeyRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
					instant(rs, 5), instant(rs, 6)))
			.list();
	}

	void insert(ServerKeyRow row) {
		this.jdbc.sql("""
				INSERT INTO server_keys (kid, fingerprint, source, status, created_at, retired_at)
				VALUES (:kid, :fingerprint, :source, :status, :createdAt, :retiredAt)""")
			.param("kid", row.kid())
			.param("fingerprint", row.fingerprint())
			.param("source", row.source())
			.param("status", row.status())
			.param("createdAt", UtcTimestamps.toDb(row.createdAt()))
			.param("retiredAt", UtcTimestamps.toDb(row.retiredAt()))
			.update();
	}

	void retire(String kid, Instant at) {
		this.jdbc.sql("UPDATE server_keys SET status = :status, retired_at = :at WHERE kid = :kid")
			.param("status", ServerKeyRow.RETIRED)
			.param("at", UtcTimestamps.toDb(at))
			.param("kid", kid)
			.update();
	}

	void reinstate(String kid) {
		this.jdbc.sql("UPDATE server_keys SET status = :status, retired_at = NULL WHERE kid = :kid")
			.param("status", ServerKeyRow.CURRENT)
			.param("kid", kid)
			.update();
	}

	// TIMESTAMP columns hold UTC wall-clock time, independent of the JVM's time zone.
	private static Instant instant(ResultSet rs, int column) throws SQLException {
		return UtcTimestamps.fromDb(rs.getObject(column, LocalDateTime.class));
	}

}
