package dev.sealdrop.server.audit;

import java.time.Instant;

/** Optional criteria for listing audit entries; {@code null} members match everything. */
record AuditFilter(String user, AuditAction action, AuditOutcome outcome, Instant from, Instant to) {
}
