package dev.sealdrop.server.keys;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.swagger.v3.oas.annotations.media.Schema;

import dev.sealdrop.server.identity.ServerKeyStatements;

/**
 * The public description of the server key: what a client encrypts uploads to.
 *
 * @param kid key id (first 16 hex digits of the fingerprint)
 * @param algorithm the key agreement the key is used for
 * @param publicKeyPem SPKI PEM
 * @param jwk the same key as an RFC 7517 JWK object
 * @param fingerprint {@code sha256:<64 hex>}, SHA-256 of the SPKI DER (compare it out of band)
 * @param createdAt when the key was created or first loaded
 * @param retiredKeys previous keys that still open uploads made for them
 * @param certificateChain the signing identity's certificates (PEM), signing certificate first, the
 * CA clients pin ({@code GET /api/v1/server-key/ca.pem}) last
 * @param statement the key statement for this key, signed by the signing certificate (PROTOCOL.md)
 */
@Schema(name = "ServerKey")
record ServerKeyView(String kid, String algorithm, String publicKeyPem,
		@JsonRawValue @Schema(type = "object", description = "JWK: kty EC, crv P-384, x, y") String jwk,
		String fingerprint, Instant createdAt, List<RetiredKeyView> retiredKeys, List<String> certificateChain,
		ServerKeyStatements.Statement statement) {

	static final String ALGORITHM = "ECDH-P384 (HPKE DHKEM 0x0011)";

	/**
	 * @param unwrapUntil uploads made for this key are accepted until then; afterwards they get
	 * {@code retired-key}
	 */
	@Schema(name = "RetiredServerKey")
	record RetiredKeyView(String kid, String fingerprint, Instant retiredAt, Instant unwrapUntil,
			ServerKeyStatements.Statement statement) {
	}

	static ServerKeyView of(ServerKeyRing ring, ServerKeyStatements statements) {
		ServerKeyRing.ServerKey current = ring.current();
		ServerKeyStatements.SignedKey signed = statements.forKey(current);
		List<RetiredKeyView> retired = ring.retiredWithinGrace()
			.stream()
			.map(k -> new RetiredKeyView(k.kid(), k.fingerprint(), k.retiredAt(), ring.unwrapUntil(k),
					statements.forKey(k).statement()))
			.toList();
		return new ServerKeyView(current.kid(), ALGORITHM, current.identity().recipient().toPem(),
				current.identity().recipient().toJwk(), current.fingerprint(), current.createdAt(), retired,
				signed.certificateChain(), signed.statement());
	}

}
