-- Server keys, stored files and their chunks (issue 3). Portable SQL: PostgreSQL, MariaDB/MySQL, H2.
-- Timestamps are UTC wall-clock time.

-- Every server key the server has used. Exactly one row has status 'current'; 'retired' rows keep
-- opening uploads made for them until retired_at + sealdrop.server-key.retired-grace.
-- source: 'generated' (private key in ${sealdrop.data-dir}/keys/server-<kid>.pem) or 'configured'.
CREATE TABLE server_keys (
	kid         VARCHAR(16)  NOT NULL PRIMARY KEY,
	fingerprint VARCHAR(71)  NOT NULL,
	source      VARCHAR(16)  NOT NULL,
	status      VARCHAR(16)  NOT NULL,
	created_at  TIMESTAMP    NOT NULL,
	retired_at  TIMESTAMP,
	CONSTRAINT uq_server_keys_fingerprint UNIQUE (fingerprint)
);

-- One stored file. Its content is the blob named by id: the sealed v1 chunks, concatenated, exactly
-- as the archive carried them (format 0 uploads re-sealed into v1). Nothing here is plaintext
-- content: sha256 is the verified whole-file digest the client also holds, name is display metadata.
CREATE TABLE files (
	id              VARCHAR(36)   NOT NULL PRIMARY KEY,
	owner_id        VARCHAR(36)   NOT NULL,
	name            VARCHAR(255)  NOT NULL,
	format_version  INT           NOT NULL,
	plaintext_size  BIGINT        NOT NULL,
	sealed_size     BIGINT        NOT NULL,
	chunk_size      INT           NOT NULL,
	total_chunks    BIGINT        NOT NULL,
	-- hex SHA-256 of the plaintext, verified while the upload was read
	sha256          CHAR(64)      NOT NULL,
	-- base64 of the v1 sealed_digest (FORMAT.md section 7) for payload_header
	sealed_digest   VARCHAR(64)   NOT NULL,
	-- PayloadHeader.encode(): the exact text the chunks authenticate
	payload_header  VARCHAR(1024) NOT NULL,
	-- the file key, AES-256-GCM-wrapped under the storage master key with AAD = id
	wrapped_key     VARCHAR(128)  NOT NULL,
	-- kid of the server key the upload was opened with
	server_key_kid  VARCHAR(16)   NOT NULL,
	-- reader warnings (e.g. format 0), one per line; NULL for none
	warnings        VARCHAR(2000),
	-- client-chosen Idempotency-Key, unique per owner; NULL when none was sent
	idempotency_key VARCHAR(128),
	created_at      TIMESTAMP     NOT NULL,
	CONSTRAINT fk_files_owner FOREIGN KEY (owner_id) REFERENCES users (id) ON DELETE CASCADE,
	CONSTRAINT uq_files_idempotency UNIQUE (owner_id, idempotency_key)
);

CREATE INDEX ix_files_owner_created ON files (owner_id, created_at);

-- Per-chunk transport data, for serving the file again as a v1 archive with chunks[].sha256.
-- Chunk i (0-based) starts in the blob at i * (chunk_size + 16).
CREATE TABLE file_chunks (
	file_id     VARCHAR(36) NOT NULL,
	chunk_index BIGINT      NOT NULL,
	sealed_size INT         NOT NULL,
	sha256      CHAR(64)    NOT NULL,
	CONSTRAINT pk_file_chunks PRIMARY KEY (file_id, chunk_index),
	CONSTRAINT fk_file_chunks_file FOREIGN KEY (file_id) REFERENCES files (id) ON DELETE CASCADE
);
