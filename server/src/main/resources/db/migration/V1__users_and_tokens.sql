-- Users and API tokens. Portable SQL (H2, PostgreSQL, MariaDB/MySQL): UUID text ids, TIMESTAMP
-- columns holding UTC, no vendor types, sequences or identity columns.

CREATE TABLE users (
	id            VARCHAR(36)  NOT NULL,
	username      VARCHAR(32)  NOT NULL,
	-- DelegatingPasswordEncoder format, e.g. {bcrypt}$2a$10$...
	password_hash VARCHAR(255) NOT NULL,
	admin         BOOLEAN      NOT NULL,
	enabled       BOOLEAN      NOT NULL,
	created_at    TIMESTAMP    NOT NULL,
	CONSTRAINT pk_users PRIMARY KEY (id),
	CONSTRAINT uk_users_username UNIQUE (username)
);

CREATE TABLE api_tokens (
	id           VARCHAR(36) NOT NULL,
	user_id      VARCHAR(36) NOT NULL,
	name         VARCHAR(64) NOT NULL,
	-- lowercase hex SHA-256 of the whole token string; the token itself is never stored
	token_hash   CHAR(64)    NOT NULL,
	created_at   TIMESTAMP   NOT NULL,
	last_used_at TIMESTAMP,
	revoked_at   TIMESTAMP,
	CONSTRAINT pk_api_tokens PRIMARY KEY (id),
	CONSTRAINT uk_api_tokens_token_hash UNIQUE (token_hash),
	CONSTRAINT fk_api_tokens_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);

CREATE INDEX ix_api_tokens_user ON api_tokens (user_id);
