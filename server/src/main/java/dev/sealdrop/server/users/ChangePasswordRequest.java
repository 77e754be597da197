package dev.sealdrop.server.users;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;

/** Body of {@code PUT /api/v1/users/me/password}. */
@Schema(name = "ChangePassword")
record ChangePasswordRequest(@Schema(accessMode = Schema.AccessMode.WRITE_ONLY) @NotNull String currentPassword,
		@Schema(description = Passwords.MESSAGE,
				accessMode = Schema.AccessMode.WRITE_ONLY) @NotNull @ValidPassword String newPassword) {

	@Override
	public String toString() {
		return "ChangePasswordRequest[(redacted)]";
	}

}
