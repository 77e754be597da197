package dev.sealdrop.server.tokens;

import java.time.Instant;

/** A stored token's metadata; the secret itself is never stored, only {@code tokenHash}. */
record ApiToken(String id, String userId, String name, String tokenHash, Instant createdAt, Instant lastUsedAt,
		Instant revokedAt) {

	@Override
	public String toString() {
		return "ApiToken[id=" + this.id + ", userId=" + this.userId + ", name=" + this.name + "]";
	}

}
