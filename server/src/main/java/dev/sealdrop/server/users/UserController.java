package dev.sealdrop.server.users;

import java.net.URI;

import dev.sealdrop.server.security.SealdropPrincipal;
import dev.sealdrop.server.system.OpenApiConfig;
import dev.sealdrop.server.system.PageResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/users}: administrators manage accounts; every authenticated user may read
 * {@code /me} and change their own password. Access rules live in the security configuration.
 */
@RestController
@RequestMapping(path = "/api/v1/users", produces = "application/json")
@Tag(name = "Users", description = "User accounts. Everything except /me requires an administrator.")
@ApiResponse(responseCode = "401", ref = OpenApiConfig.UNAUTHORIZED)
@ApiResponse(responseCode = "429", ref = OpenApiConfig.LOGIN_THROTTLED)
class UserController {

	private final UserService users;

	UserController(UserService users) {
		this.users = users;
	}

	@GetMapping
	@Operation(summary = "List users", description = "Users ordered by username, one page at a time.")
	@ApiResponse(responseCode = "200", description = "One page of users")
	@ApiResponse(responseCode = "400", ref = OpenApiConfig.VALIDATION_FAILED)
	@ApiResponse(responseCode = "403", ref = OpenApiConfig.FORBIDDEN)
	PageResponse<UserResponse> list(
			@Parameter(description = "Zero-based page number") @RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int page,
			@Parameter(description = "Page size, 1 to 100") @RequestParam(defaultValue = "20") @Min(1) @Max(PageResponse.MAX_SIZE) int size) {
		return this.users.list(page, size);
	}

	@PostMapping(consumes = "application/json")
	@Operation(summary = "Create a user", description = "The new user is enabled and can sign in at once.")
	@ApiResponse(responseCode = "201", description = "Created; Location names the new user")
	@ApiResponse(responseCode = "400", ref = OpenApiConfig.VALIDATION_FAILED)
	@ApiResponse(responseCode = "403", ref = OpenApiConfig.FORBIDDEN)
	@ApiResponse(responseCode = "409", ref = OpenApiConfig.CONFLICT)
	ResponseEntity<UserResponse> create(@Valid @RequestBody CreateUserRequest request) {
		User user = this.users.create(request.username(), request.password(), request.grantsAdmin());
		return ResponseEntity.created(URI.create("/api/v1/users/" + user.id())).body(UserResponse.of(user));
	}

	@GetMapping("/me")
	@Operation(summary = "The caller's own account", description = "Any authenticated user.")
	@ApiResponse(responseCode = "200", description = "The caller")
	UserResponse me(@AuthenticationPrincipal SealdropPrincipal me) {
		return UserResponse.of(this.users.get(me.userId()));
	}

	@PutMapping(path = "/me/password", consumes = "application/json")
	@Operation(summary = "Change the caller's own password", description = "Any authenticated user; "
			+ "requires the current password. Wrong current passwords count as failed sign-ins (429 when "
			+ "throttled). API tokens stay valid.")
	@ApiResponse(responseCode = "204", description = "Changed")
	@ApiResponse(responseCode = "400", ref = OpenApiConfig.VALIDATION_FAILED)
	ResponseEntity<Void> changePassword(@AuthenticationPrincipal SealdropPrincipal me,
			@Valid @RequestBody ChangePasswordRequest request, HttpServletRequest http) {
		this.users.changeOwnPassword(me, request.currentPassword(), request.newPassword(), http.getRemoteAddr());
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/{id}")
	@Operation(summary = "Get a user")
	@ApiResponse(responseCode = "200", description = "The user")
	@ApiResponse(responseCode = "403", ref = OpenApiConfig.FORBIDDEN)
	@ApiResponse(responseCode = "404", ref = OpenApiConfig.NOT_FOUND)
	UserResponse get(@Parameter(description = "User id (UUID)") @PathVariable String id) {
		return UserResponse.of(this.users.get(id));
	}

	@PatchMapping(path = "/{id}", consumes = "application/json")
	@Operation(summary = "Update a user", description = "Enable or disable, grant or revoke administrator "
			+ "rights, reset the password. Absent members stay unchanged. A password reset also revokes all "
			+ "of the user's API tokens. The last enabled administrator cannot be disabled or demoted.")
	@ApiResponse(responseCode = "200", description = "The updated user")
	@ApiResponse(responseCode = "400", ref = OpenApiConfig.VALIDATION_FAILED)
	@ApiResponse(responseCode = "403", ref = OpenApiConfig.FORBIDDEN)
	@ApiResponse(responseCode = "404", ref = OpenApiConfig.NOT_FOUND)
	@ApiResponse(responseCode = "409", ref = OpenApiConfig.CONFLICT)
	UserResponse update(@Parameter(description = "User id (UUID)") @PathVariable String id,
			@Valid @RequestBody UpdateUserRequest request) {
		return UserResponse.of(this.users.update(id, request));
	}

	@DeleteMapping("/{id}")
	@Operation(summary = "Delete a user", description = "Also deletes the user's files (with their "
			+ "encrypted contents), API tokens, clients and shares. Refused for the caller's own account and "
			+ "for the last enabled administrator.")
	@ApiResponse(responseCode = "204", description = "Deleted")
	@ApiResponse(responseCode = "403", ref = OpenApiConfig.FORBIDDEN)
	@ApiResponse(responseCode = "404", ref = OpenApiConfig.NOT_FOUND)
	@ApiResponse(responseCode = "409", ref = OpenApiConfig.CONFLICT)
	ResponseEntity<Void> delete(@Parameter(description = "User id (UUID)") @PathVariable String id,
			@AuthenticationPrincipal SealdropPrincipal me) {
		this.users.delete(id, me);
		return ResponseEntity.noContent().build();
	}

}
