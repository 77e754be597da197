package dev.sealdrop.server.audit;

import java.time.Instant;

/**
 * One audit entry as stored and as {@code GET /api/v1/audit} returns it.
 *
 * @param id UUID text
 * @param at when it happened (UTC)
 * @param actorId the acting user's id, {@code null} when unknown (e.g. a failed login)
 * @param actor the acting user name as given, {@code null} when none
 * @param action what was done
 * @param target what it was done to, e.g. {@code file:<id>}; {@code null} when nothing specific
 * @param remoteAddress the client's address as the server saw it, {@code null} outside a request
 * @param outcome success or failure
 * @param detail short free text without secrets, {@code null} when none
 */
public record AuditEvent(String id, Instant at, String actorId, String actor, AuditAction action, String target,
		String remoteAddress, AuditOutcome outcome, String detail) {
}
