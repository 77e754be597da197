package dev.sealdrop.server.users;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** Body of {@code POST /api/v1/users}. */
@Schema(name = "CreateUser")
record CreateUserRequest(
		@Schema(description = Usernames.MESSAGE, example = "alice") @NotNull @Pattern(regexp = Usernames.PATTERN,
				message = Usernames.MESSAGE) String username,
		@Schema(description = Passwords.MESSAGE, example = "correct horse battery staple",
				accessMode = Schema.AccessMode.WRITE_ONLY) @NotNull @ValidPassword String password,
		@Schema(description = "Grant administrator rights", defaultValue = "false") Boolean admin) {

	/** Absent means no administrator rights. */
	boolean grantsAdmin() {
		return Boolean.TRUE.equals(this.admin);
	}

	@Override
	public String toString() {
		return "CreateUserRequest[username=" + this.username + ", admin=" + this.admin + "]";
	}

}
