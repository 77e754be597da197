package dev.sealdrop.client.net;

import java.time.Instant;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * The JSON bodies of API v1 as records, for {@link ApiClient#get}, {@link ApiClient#post} and
 * {@link ApiClient#upload}. Unknown fields are ignored (newer servers may add some); absent ones
 * are null.
 */
public final class ApiTypes {

	private ApiTypes() {
	}

	/**
	 * A stored file ({@code POST /files} 201, {@code GET /files/{id}}).
	 * @param size plaintext bytes
	 * @param sha256 lowercase hex SHA-256 of the plaintext as the server verified it
	 * @param warnings reader warnings (format 0 uploads), or null
	 */
	public record FileInfo(String id, String name, long size, String sha256, long chunks, int format, Instant createdAt,
			List<String> warnings) {
	}

	/** One page of {@code GET /files}; pages are zero-based. */
	public record FilePage(List<FileInfo> items, int page, int size, long totalItems, long totalPages) {
	}

	/** {@code POST /tokens} 201: the only time the token secret is shown. {@code toString()} hides it. */
	public record CreatedToken(String id, String name, String token, Instant createdAt) {

		@Override
		public String toString() {
			return "CreatedToken[id=" + id + ", name=" + name + ", token=***]";
		}

	}

	/** {@code POST /tokens} request body. */
	public record TokenRequest(String name) {
	}

	/** {@code POST /clients} request body. @param publicKey SPKI PEM or JWK text */
	public record ClientRequest(String name, String publicKey) {
	}

	/** A registered client ({@code POST /clients} 201, {@code GET /clients}). @param revokedAt null unless revoked */
	public record ClientInfo(String clientId, String name, String fingerprint, String publicKey, Instant createdAt,
			Instant revokedAt) {
	}

	/**
	 * {@code GET /server-key}.
	 * @param jwk the key as a JWK object
	 * @param fingerprint {@code sha256:<64 hex>} of the SPKI DER
	 * @param certificateChain PEM certificates, signing certificate first (issue 4), or null
	 * @param statement the signed key statement (issue 4), or null
	 */
	public record ServerKeyInfo(String kid, String algorithm, String publicKeyPem, JsonNode jwk, String fingerprint,
			Instant createdAt, List<RetiredKey> retiredKeys, List<String> certificateChain, KeyStatement statement) {
	}

	/** A previous server key that still opens uploads made for it until {@code unwrapUntil}. */
	public record RetiredKey(String kid, String fingerprint, Instant retiredAt, Instant unwrapUntil) {
	}

	/** @param signature base64 of the DER signature over {@code text} */
	public record KeyStatement(String text, String signature) {
	}

	/** {@code POST /server-key/challenge} request body. @param nonce base64, 16 to 64 bytes */
	public record ChallengeRequest(String nonce) {
	}

	/**
	 * {@code POST /server-key/challenge}.
	 * @param timestamp RFC 3339 UTC
	 * @param signature base64 DER
	 * @param certificateChain PEM certificates, signing certificate first
	 */
	public record ChallengeResponse(String nonce, String fingerprint, String timestamp, String signature,
			List<String> certificateChain) {
	}

}
