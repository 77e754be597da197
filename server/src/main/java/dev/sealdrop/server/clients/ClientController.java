package dev.sealdrop.server.clients;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.sealdrop.server.security.SealdropPrincipal;

/** {@code /api/v1/clients}: the caller's registered client keys. */
@RestController
@RequestMapping("/api/v1/clients")
@Tag(name = "clients", description = "Client public keys that downloads are encrypted to")
class ClientController {

	private final ClientService clients;

	ClientController(ClientService clients) {
		this.clients = clients;
	}

	@PostMapping
	@Operation(summary = "Register a client public key (P-384, SPKI PEM or JWK)")
	@ApiResponse(responseCode = "201", description = "Registered; Location names the new client")
	@ApiResponse(responseCode = "400", description = "validation-failed (name, publicKey missing) or invalid-key")
	@ApiResponse(responseCode = "409", description = "conflict: key already registered, or too many active clients")
	ResponseEntity<ClientView> register(@AuthenticationPrincipal SealdropPrincipal me,
			@RequestBody RegisterClientRequest request) {
		RegisteredClient client = this.clients.register(me, request.name(), request.publicKey());
		return ResponseEntity.created(URI.create("/api/v1/clients/" + client.id())).body(ClientView.of(client));
	}

	@GetMapping
	@Operation(summary = "List the caller's clients, revoked ones included")
	List<ClientView> list(@AuthenticationPrincipal SealdropPrincipal me) {
		return this.clients.list(me).stream().map(ClientView::of).toList();
	}

	@GetMapping("/{clientId}")
	@Operation(summary = "Get one of the caller's clients")
	@ApiResponse(responseCode = "404", description = "not-found: unknown or someone else's")
	ClientView get(@AuthenticationPrincipal SealdropPrincipal me, @PathVariable String clientId) {
		return ClientView.of(this.clients.get(me, clientId));
	}

	@DeleteMapping("/{clientId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Revoke a client: it can no longer receive files")
	@ApiResponse(responseCode = "204", description = "Revoked (also when it already was)")
	@ApiResponse(responseCode = "404", description = "not-found: unknown or someone else's")
	void revoke(@AuthenticationPrincipal SealdropPrincipal me, @PathVariable String clientId) {
		this.clients.revoke(me, clientId);
	}

	/** Body of {@code POST /api/v1/clients}. */
	record RegisterClientRequest(@Schema(description = "Label, 1..100 characters", example = "laptop") String name,
			@Schema(description = "P-384 public key: SPKI PEM or JWK JSON text") String publicKey) {
	}

	/** A client as the API shows it. */
	record ClientView(String clientId, String name, String fingerprint, String publicKey, Instant createdAt,
			Instant revokedAt) {

		static ClientView of(RegisteredClient client) {
			return new ClientView(client.id(), client.name(), client.fingerprint(), client.publicKeyPem(),
					client.createdAt(), client.revokedAt());
		}

	}

}
