package dev.sealdrop.server.users;

import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;

/** A user as the API shows it: never the password hash. */
@Schema(name = "User")
record UserResponse(@Schema(description = "User id (UUID)", example = "0b5c1f1e-8f2a-4a35-9a53-3f0f1d2b7c11") String id,
		@Schema(example = "alice") String username, boolean admin, boolean enabled, Instant createdAt) {

	static UserResponse of(User user) {
		return new UserResponse(user.id(), user.username(), user.admin(), user.enabled(), user.createdAt());
	}

}
