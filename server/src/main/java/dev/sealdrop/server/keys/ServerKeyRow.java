package dev.sealdrop.server.keys;

import java.time.Instant;

/**
 * A row of {@code server_keys}: one server key the server has ever used.
 *
 * @param kid key id, the first 16 hex digits of the fingerprint
 * @param fingerprint {@code sha256:<64 hex>}
 * @param source {@code generated} (private key under {@code keys/}) or {@code configured}
 * @param status {@code current} (exactly one row) or {@code retired}
 * @param retiredAt when it stopped being current; {@code null} while current
 */
public record ServerKeyRow(String kid, String fingerprint, String source, String status, Instant createdAt,
		Instant retiredAt) {

	static final String CURRENT = "current";

	static final String RETIRED = "retired";

	static final String GENERATED = "generated";

	static final String CONFIGURED = "configured";

	boolean current() {
		return CURRENT.equals(this.status);
	}

	boolean generated() {
		return GENERATED.equals(this.source);
	}

}
