package dev.sealdrop.server.keys;

import java.io.IOException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;

import dev.sealdrop.server.audit.AuditAction;
import dev.sealdrop.server.audit.AuditLog;
import dev.sealdrop.server.identity.ServerKeyStatements;
import dev.sealdrop.server.problem.ApiException;
import dev.sealdrop.server.problem.ProblemType;
import dev.sealdrop.server.security.SealdropPrincipal;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The server key: public, so a client can fetch it before encrypting an upload (and should compare
 * the fingerprint with one obtained out of band); rotation is for administrators.
 */
@RestController
@Tag(name = "server key", description = "The P-384 key clients encrypt uploads to")
class ServerKeyController {

	static final MediaType PEM = MediaType.parseMediaType("application/x-pem-file");

	private final ServerKeyRing ring;

	private final ServerKeyStatements statements;

	private final AuditLog audit;

	ServerKeyController(ServerKeyRing ring, ServerKeyStatements statements, AuditLog audit) {
		this.ring = ring;
		this.statements = statements;
		this.audit = audit;
	}

	@GetMapping(path = "/api/v1/server-key", produces = MediaType.APPLICATION_JSON_VALUE)
	@SecurityRequirements
	@Operation(summary = "The current server key, with retired keys that still open uploads")
	ResponseEntity<ServerKeyView> serverKey() {
		// Clients fetch the key per upload; a stale cached key would hit retired-key after a rotation.
		return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(ServerKeyView.of(this.ring, this.statements));
	}

	@GetMapping(path = "/api/v1/server-key.pem", produces = { "application/x-pem-file", MediaType.TEXT_PLAIN_VALUE })
	@SecurityRequirements
	@Operation(summary = "The current server public key as SPKI PEM")
	@ApiResponse(responseCode = "200", content = {
			@Content(mediaType = "application/x-pem-file", schema = @Schema(type = "string")),
			@Content(mediaType = "text/plain", schema = @Schema(type = "string")) })
	ResponseEntity<String> serverKeyPem() {
		return ResponseEntity.ok()
			.cacheControl(CacheControl.noCache())
			.header("X-Sealdrop-Key-Fingerprint", this.ring.current().fingerprint())
			.body(this.ring.current().identity().recipient().toPem());
	}

	@PostMapping(path = "/api/v1/admin/server-key/rotate", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Generate a new current server key; the previous one keeps opening uploads "
			+ "for sealdrop.server-key.retired-grace")
	@ApiResponse(responseCode = "200", description = "the new current key")
	@ApiResponse(responseCode = "403", description = "not an administrator",
			content = @Content(mediaType = "application/problem+json"))
	@ApiResponse(responseCode = "409", description = "the key is configured by file and cannot be rotated here",
			content = @Content(mediaType = "application/problem+json"))
	ServerKeyView rotate(@AuthenticationPrincipal SealdropPrincipal me) throws IOException {
		// Security config already restricts /api/v1/admin/**; checked again so a config slip is not a hole.
		if (me == null || !me.admin()) {
			throw new ApiException(ProblemType.FORBIDDEN, "Rotating the server key needs an administrator.");
		}
		String previous = this.ring.current().kid();
		this.ring.rotate();
		this.audit.success(me, AuditAction.KEY_ROTATE, "server-key:" + this.ring.current().kid(), "retired " + previous);
		return ServerKeyView.of(this.ring, this.statements);
	}

}
