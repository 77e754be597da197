/**
 * The audit log: who did what to which file, client or key, from where, and whether it worked.
 * {@link dev.sealdrop.server.audit.AuditLog} is the one way to write an entry; admins read the log
 * at {@code GET /api/v1/audit}. Entries never hold secrets, key material or file names.
 */
package dev.sealdrop.server.audit;
