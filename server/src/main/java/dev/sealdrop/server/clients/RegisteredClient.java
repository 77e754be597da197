package dev.sealdrop.server.clients;

import java.time.Instant;

/**
 * A client key as stored.
 *
 * @param id UUID text, the {@code clientId} of the API
 * @param userId owner
 * @param name the owner's label for it
 * @param publicKeyPem SPKI PEM of the validated P-384 key
 * @param fingerprint {@code sha256:<hex>} of the key
 * @param createdAt when it was registered
 * @param revokedAt when it was revoked, {@code null} while active
 */
public record RegisteredClient(String id, String userId, String name, String publicKeyPem, String fingerprint,
		Instant createdAt, Instant revokedAt) {

	public boolean revoked() {
		return this.revokedAt != null;
	}

}
