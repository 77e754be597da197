package dev.sealdrop.server.audit;

/** Whether the audited action was carried out. */
public enum AuditOutcome {

	SUCCESS, FAILURE

}
