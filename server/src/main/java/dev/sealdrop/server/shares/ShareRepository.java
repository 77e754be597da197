package dev.sealdrop.server.shares;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.sealdrop.server.system.UtcTimestamps;

/** Plain JDBC access to {@code shares}, and the few facts about users and files sharing needs. */
@Repository
class ShareRepository {

	private static final String SELECT = "SELECT s.id, s.file_id, s.grantee_id, u.username, s.created_at"
			+ " FROM shares s JOIN users u ON u.id = s.grantee_id";

	private final JdbcClient jdbc;

	ShareRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(Share share, String grantedBy) {
		this.jdbc.sql("INSERT INTO shares (id, file_id, grantee_id, granted_by, created_at) VALUES (?, ?, ?, ?, ?)")
			.params(share.id(), share.fileId(), share.granteeId(), grantedBy, UtcTimestamps.toDb(share.createdAt()))
			.update();
	}

	List<Share> findByFile(String fileId) {
		return this.jdbc.sql(SELECT + " WHERE s.file_id = ? ORDER BY s.created_at, s.id")
			.param(fileId)
			.query(ShareRepository::map)
			.list();
	}

	Optional<Share> findByIdAndFile(String shareId, String fileId) {
		return this.jdbc.sql(SELECT + " WHERE s.id = ? AND s.file_id = ?")
			.params(shareId, fileId)
			.query(ShareRepository::map)
			.optional();
	}

	boolean exists(String fileId, String granteeId) {
		return this.jdbc.sql("SELECT COUNT(*) FROM shares WHERE file_id = ? AND grantee_id = ?")
			.params(fileId, granteeId)
			.query(Long.class)
			.single() > 0;
	}

	long countByFile(String fileId) {
		return this.jdbc.sql("SELECT COUNT(*) FROM shares WHERE file_id = ?").param(fileId).query(Long.class).single();
	}

	boolean delete(String shareId, String fileId) {
		return this.jdbc.sql("DELETE FROM shares WHERE id = ? AND file_id = ?").params(shareId, fileId).update() == 1;
	}

	/** Newest share first. */
	List<String> fileIdsSharedWith(String userId, int offset, int limit) {
		return this.jdbc
			.sql("SELECT file_id FROM shares WHERE grantee_id = ? ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?")
			.params(userId, limit, offset)
			.query(String.class)
			.list();
	}

	long countSharedWith(String userId) {
		return this.jdbc.sql("SELECT COUNT(*) FROM shares WHERE grantee_id = ?")
			.param(userId)
			.query(Long.class)
			.single();
	}

	/** The id of the enabled user with this exact name. */
	Optional<String> findEnabledUserId(String username) {
		return this.jdbc.sql("SELECT id FROM users WHERE username = ? AND enabled = TRUE")
			.param(username)
			.query(String.class)
			.optional();
	}

	private static Share map(ResultSet rs, int row) throws SQLException {
		return new Share(rs.getString("id"), rs.getString("file_id"), rs.getString("grantee_id"),
				rs.getString("username"), UtcTimestamps.fromDb(rs.getObject("created_at", LocalDateTime.class)));
	}

}
