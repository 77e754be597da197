package dev.sealdrop.server.users;

import java.time.Instant;

/**
 * A stored user account.
 *
 * @param id UUID text
 * @param username unique login name, see {@link Usernames}
 * @param passwordHash in {@code DelegatingPasswordEncoder} format ({@code {bcrypt}...}); never
 * leaves the server
 * @param admin whether the user may administer users and server keys
 * @param enabled disabled users can neither sign in nor use their API tokens
 * @param createdAt creation time
 */
public record User(String id, String username, String passwordHash, boolean admin, boolean enabled,
		Instant createdAt) {

	/** Leaves the password hash out, so a logged user leaks nothing crackable. */
	@Override
	public String toString() {
		return "User[id=" + this.id + ", username=" + this.username + ", admin=" + this.admin + ", enabled="
				+ this.enabled + "]";
	}

}
