package dev.sealdrop.server.audit;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.sealdrop.server.system.UtcTimestamps;

/** Plain JDBC access to {@code audit_events}. */
@Repository
class AuditRepository {

	private final JdbcClient jdbc;

	AuditRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(AuditEvent event) {
		this.jdbc.sql("""
				INSERT INTO audit_events (id, occurred_at, actor_id, actor, action, target, remote_address, outcome, detail)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(event.id(), UtcTimestamps.toDb(event.at()), event.actorId(), event.actor(), event.action().name(),
					event.target(), event.remoteAddress(), event.outcome().name(), event.detail())
			.update();
	}

	int deleteBefore(java.time.Instant before) {
		return this.jdbc.sql("DELETE FROM audit_events WHERE occurred_at < ?").param(UtcTimestamps.toDb(before)).update();
	}

	/** Newest first. */
	List<AuditEvent> find(AuditFilter filter, int offset, int limit) {
		Where where = where(filter);
		List<Object> params = new ArrayList<>(where.params());
		params.add(limit);
		params.add(offset);
		return this.jdbc.sql("SELECT id, occurred_at, actor_id, actor, action, target, remote_address, outcome, detail"
				+ " FROM audit_events" + where.sql() + " ORDER BY occurred_at DESC, id DESC LIMIT ? OFFSET ?")
			.params(params)
			.query((rs, n) -> new AuditEvent(rs.getString("id"), UtcTimestamps.fromDb(rs.getObject("occurred_at", LocalDateTime.class)),
					rs.getString("actor_id"), rs.getString("actor"), AuditAction.valueOf(rs.getString("action")),
					rs.getString("target"), rs.getString("remote_address"),
					AuditOutcome.valueOf(rs.getString("outcome")), rs.getString("detail")))
			.list();
	}

	long count(AuditFilter filter) {
		Where where = where(filter);
		return this.jdbc.sql("SELECT COUNT(*) FROM audit_events" + where.sql())
			.params(where.params())
			.query(Long.class)
			.single();
	}

	private static Where where(AuditFilter filter) {
		// Only fixed column names are concatenated; every value is a bind parameter.
		List<String> clauses = new ArrayList<>();
		List<Object> params = new ArrayList<>();
		if (filter.user() != null) {
			clauses.add("actor = ?");
			params.add(filter.user());
		}
		if (filter.action() != null) {
			clauses.add("action = ?");
			params.add(filter.action().name());
		}
		if (filter.outcome() != null) {
			clauses.add("outcome = ?");
			params.add(filter.outcome().name());
		}
		if (filter.from() != null) {
			clauses.add("occurred_at >= ?");
			params.add(UtcTimestamps.toDb(filter.from()));
		}
		if (filter.to() != null) {
			clauses.add("occurred_at < ?");
			params.add(UtcTimestamps.toDb(filter.to()));
		}
		return new Where(clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses), params);
	}

	private record Where(String sql, List<Object> params) {
	}

}
