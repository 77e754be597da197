package dev.sealdrop.server.storage;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Makes a committed transaction durable before the server acts on it. PostgreSQL and MariaDB/MySQL
 * are durable at commit; embedded H2 writes commits to disk in the background (up to about a
 * second later), so a killed process loses the last acknowledged commits: an upload answered 201
 * would vanish, or a deleted row come back without its blob. On H2 this forces the data to disk.
 * Call it after the commit, outside any transaction.
 */
@Component
public class DatabaseDurability {

	private final JdbcClient jdbc;

	private final boolean h2;

	DatabaseDurability(JdbcClient jdbc, DataSource dataSource) throws SQLException {
		this.jdbc = jdbc;
		try (Connection connection = dataSource.getConnection()) {
			this.h2 = "H2".equalsIgnoreCase(connection.getMetaData().getDatabaseProductName());
		}
	}

	/** Forces committed data to the storage device (a no-op where commits are durable already). */
	public void sync() {
		if (this.h2) {
			this.jdbc.sql("CHECKPOINT SYNC").update();
		}
	}

}
