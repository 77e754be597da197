package dev.sealdrop.server.tokens;

import java.net.URI;
import java.util.List;

import dev.sealdrop.server.security.SealdropPrincipal;
import dev.sealdrop.server.system.OpenApiConfig;
import dev.sealdrop.server.tokens.TokenResponses.CreateTokenRequest;
import dev.sealdrop.server.tokens.TokenResponses.CreatedTokenResponse;
import dev.sealdrop.server.tokens.TokenResponses.TokenResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/tokens}: every authenticated user manages their own API tokens. */
@RestController
@RequestMapping(path = "/api/v1/tokens", produces = "application/json")
@Tag(name = "API tokens", description = "Bearer tokens for scripts and the CLI. Each user sees only their own.")
@ApiResponse(responseCode = "401", ref = OpenApiConfig.UNAUTHORIZED)
@ApiResponse(responseCode = "429", ref = OpenApiConfig.LOGIN_THROTTLED)
class ApiTokenController {

	private final ApiTokenService tokens;

	ApiTokenController(ApiTokenService tokens) {
		this.tokens = tokens;
	}

	@PostMapping(consumes = "application/json")
	@Operation(summary = "Create a token", description = "Returns the secret once; store it now. "
			+ "The server keeps only its SHA-256.")
	@ApiResponse(responseCode = "201", description = "Created; the response holds the secret")
	@ApiResponse(responseCode = "400", ref = OpenApiConfig.VALIDATION_FAILED)
	@ApiResponse(responseCode = "409", ref = OpenApiConfig.CONFLICT)
	ResponseEntity<CreatedTokenResponse> create(@AuthenticationPrincipal SealdropPrincipal me,
			@Valid @RequestBody CreateTokenRequest request) {
		ApiTokenService.Created created = this.tokens.create(me, request.name().strip());
		ApiToken token = created.token();
		return ResponseEntity.created(URI.create("/api/v1/tokens/" + token.id()))
			.cacheControl(CacheControl.noStore())
			.body(new CreatedTokenResponse(token.id(), token.name(), created.secret(), token.createdAt()));
	}

	@GetMapping
	@Operation(summary = "List the caller's active tokens", description = "Metadata only, never secrets.")
	@ApiResponse(responseCode = "200", description = "Active tokens, oldest first")
	List<TokenResponse> list(@AuthenticationPrincipal SealdropPrincipal me) {
		return this.tokens.list(me).stream().map(TokenResponse::of).toList();
	}

	@DeleteMapping("/{id}")
	@Operation(summary = "Revoke a token", description = "Takes effect immediately.")
	@ApiResponse(responseCode = "204", description = "Revoked")
	@ApiResponse(responseCode = "404", ref = OpenApiConfig.NOT_FOUND)
	ResponseEntity<Void> revoke(@AuthenticationPrincipal SealdropPrincipal me,
			@Parameter(description = "Token id (UUID)") @PathVariable String id) {
		this.tokens.revoke(me, id);
		return ResponseEntity.noContent().build();
	}

}
