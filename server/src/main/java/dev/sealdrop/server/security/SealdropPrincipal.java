package dev.sealdrop.server.security;

import java.util.Objects;

/**
 * The authenticated caller, the same for HTTP Basic and Bearer API tokens. Controllers receive it
 * with {@code @AuthenticationPrincipal SealdropPrincipal me}. It carries no credentials, so it is
 * safe to log and to keep in the security context.
 *
 * @param userId the user's id (UUID text, the {@code users.id} column)
 * @param username the login name
 * @param admin whether the user has the {@code ADMIN} role
 */
public record SealdropPrincipal(String userId, String username, boolean admin) {

	public SealdropPrincipal {
		Objects.requireNonNull(userId, "userId");
		Objects.requireNonNull(username, "username");
	}

}
