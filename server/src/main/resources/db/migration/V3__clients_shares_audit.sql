-- Issue 4: registered clients, shares, stored download stanzas, audit log.
-- Portable SQL (H2, PostgreSQL, MariaDB/MySQL): UUID text ids, TIMESTAMP in UTC, no vendor types.

-- A user's registered client public keys (P-384, SPKI PEM). Revoked rows stay for the record.
CREATE TABLE clients (
	id VARCHAR(36) NOT NULL,
	user_id VARCHAR(36) NOT NULL,
	name VARCHAR(100) NOT NULL,
	public_key VARCHAR(1000) NOT NULL,
	fingerprint VARCHAR(71) NOT NULL,
	created_at TIMESTAMP NOT NULL,
	revoked_at TIMESTAMP NULL,
	CONSTRAINT pk_clients PRIMARY KEY (id),
	CONSTRAINT fk_clients_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);
CREATE INDEX ix_clients_user ON clients (user_id);

-- Read access to a file granted by its owner to another user.
CREATE TABLE shares (
	id VARCHAR(36) NOT NULL,
	file_id VARCHAR(36) NOT NULL,
	grantee_id VARCHAR(36) NOT NULL,
	granted_by VARCHAR(36) NOT NULL,
	created_at TIMESTAMP NOT NULL,
	CONSTRAINT pk_shares PRIMARY KEY (id),
	CONSTRAINT uq_shares_file_grantee UNIQUE (file_id, grantee_id),
	CONSTRAINT fk_shares_file FOREIGN KEY (file_id) REFERENCES files (id) ON DELETE CASCADE,
	CONSTRAINT fk_shares_grantee FOREIGN KEY (grantee_id) REFERENCES users (id) ON DELETE CASCADE
);
CREATE INDEX ix_shares_grantee ON shares (grantee_id);

-- The wrapped-key stanza made once per (file, recipient key), so every download of that pair is
-- byte-identical (Range resume, strong ETags). Holds no secret: only the recipient can open it.
CREATE TABLE download_stanzas (
	file_id VARCHAR(36) NOT NULL,
	recipient VARCHAR(71) NOT NULL,
	stanza VARCHAR(2000) NOT NULL,
	created_at TIMESTAMP NOT NULL,
	CONSTRAINT pk_download_stanzas PRIMARY KEY (file_id, recipient),
	CONSTRAINT fk_download_stanzas_file FOREIGN KEY (file_id) REFERENCES files (id) ON DELETE CASCADE
);

-- Security-relevant actions. No foreign keys: the record outlives users, files and clients.
CREATE TABLE audit_events (
	id VARCHAR(36) NOT NULL,
	occurred_at TIMESTAMP NOT NULL,
	actor_id VARCHAR(36) NULL,
	actor VARCHAR(100) NULL,
	action VARCHAR(32) NOT NULL,
	target VARCHAR(200) NULL,
	remote_address VARCHAR(64) NULL,
	outcome VARCHAR(16) NOT NULL,
	detail VARCHAR(500) NULL,
	CONSTRAINT pk_audit_events PRIMARY KEY (id)
);
CREATE INDEX ix_audit_events_occurred_at ON audit_events (occurred_at);
CREATE INDEX ix_audit_events_actor ON audit_events (actor);
CREATE INDEX ix_audit_events_action ON audit_events (action);
