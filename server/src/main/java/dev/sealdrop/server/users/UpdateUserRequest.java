package dev.sealdrop.server.users;

import io.swagger.v3.oas.annotations.media.Schema;

/** Body of {@code PATCH /api/v1/users/{id}}: every member is optional; absent members stay unchanged. */
@Schema(name = "UpdateUser")
record UpdateUserRequest(@Schema(description = "Enable or disable sign-in and API tokens") Boolean enabled,
		@Schema(description = "Grant or revoke administrator rights") Boolean admin,
		@Schema(description = "New password; " + Passwords.MESSAGE,
				accessMode = Schema.AccessMode.WRITE_ONLY) @ValidPassword String password) {

	@Override
	public String toString() {
		return "UpdateUserRequest[enabled=" + this.enabled + ", admin=" + this.admin + ", password="
				+ ((this.password != null) ? "(set)" : "null") + "]";
	}

}
