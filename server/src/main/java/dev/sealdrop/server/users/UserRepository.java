package dev.sealdrop.server.users;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

import dev.sealdrop.server.system.UtcTimestamps;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Plain-JDBC access to the {@code users} table (portable SQL). */
@Repository
public class UserRepository {

	private static final String COLUMNS = "id, username, password_hash, admin, enabled, created_at";

	private final JdbcClient jdbc;

	UserRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<User> findByUsername(String username) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE username = ?")
			.param(username)
			.query(UserRepository::map)
			.optional();
	}

	public Optional<User> findById(String id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE id = ?").param(id).query(UserRepository::map).optional();
	}

	/** Users ordered by username. */
	List<User> findPage(int offset, int limit) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM users ORDER BY username LIMIT ? OFFSET ?")
			.param(limit)
			.param(offset)
			.query(UserRepository::map)
			.list();
	}

	long count() {
		return this.jdbc.sql("SELECT COUNT(*) FROM users").query(Long.class).single();
	}

	long countEnabledAdmins() {
		return this.jdbc.sql("SELECT COUNT(*) FROM users WHERE admin = TRUE AND enabled = TRUE")
			.query(Long.class)
			.single();
	}

	void insert(User user) {
		this.jdbc.sql("INSERT INTO users (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)")
			.params(user.id(), user.username(), user.passwordHash(), user.admin(), user.enabled(),
					UtcTimestamps.toDb(user.createdAt()))
			.update();
	}

	/** Updates the mutable columns: password hash, admin and enabled flags. */
	boolean update(User user) {
		return this.jdbc.sql("UPDATE users SET password_hash = ?, admin = ?, enabled = ? WHERE id = ?")
			.params(user.passwordHash(), user.admin(), user.enabled(), user.id())
			.update() == 1;
	}

	/** Replaces the hash of an existing user, used to upgrade old hash formats at sign-in. */
	public boolean updatePasswordHash(String username, String passwordHash) {
		return this.jdbc.sql("UPDATE users SET password_hash = ? WHERE username = ?")
			.params(passwordHash, username)
			.update() == 1;
	}

	boolean delete(String id) {
		return this.jdbc.sql("DELETE FROM users WHERE id = ?").param(id).update() == 1;
	}

	private static User map(ResultSet rs, int row) throws SQLException {
		return new User(rs.getString("id"), rs.getString("username"), rs.getString("password_hash"),
				rs.getBoolean("admin"), rs.getBoolean("enabled"),
				UtcTimestamps.fromDb(rs.getObject("created_at", LocalDateTime.class)));
	}

}
