package dev.sealdrop.server.audit;

/** What an audit entry records. Stored by name, so constants may be added but never renamed. */
public enum AuditAction {

	UPLOAD, DOWNLOAD, SHARE, UNSHARE, DELETE, CLIENT_REGISTER, CLIENT_REVOKE, KEY_ROTATE, LOGIN_FAILED,
	TOKEN_CREATE, TOKEN_REVOKE

}
