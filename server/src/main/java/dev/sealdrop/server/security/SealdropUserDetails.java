package dev.sealdrop.server.security;

import java.util.Collection;
import java.util.List;

import dev.sealdrop.server.users.User;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * Adapts a stored {@link User} for password authentication. After sign-in the authentication
 * carries a {@link SealdropPrincipal} instead, which holds no hash.
 */
final class SealdropUserDetails implements UserDetails {

	private static final long serialVersionUID = 1L;

	static final String ROLE_USER = "ROLE_USER";

	static final String ROLE_ADMIN = "ROLE_ADMIN";

	private final SealdropPrincipal principal;

	private final String passwordHash;

	private final boolean enabled;

	SealdropUserDetails(User user) {
		this.principal = new SealdropPrincipal(user.id(), user.username(), user.admin());
		this.passwordHash = user.passwordHash();
		this.enabled = user.enabled();
	}

	SealdropPrincipal principal() {
		return this.principal;
	}

	static List<GrantedAuthority> authorities(SealdropPrincipal principal) {
		return principal.admin()
				? List.of(new SimpleGrantedAuthority(ROLE_USER), new SimpleGrantedAuthority(ROLE_ADMIN))
				: List.of(new SimpleGrantedAuthority(ROLE_USER));
	}

	@Override
	public Collection<? extends GrantedAuthority> getAuthorities() {
		return authorities(this.principal);
	}

	@Override
	public String getPassword() {
		return this.passwordHash;
	}

	@Override
	public String getUsername() {
		return this.principal.username();
	}

	@Override
	public boolean isEnabled() {
		return this.enabled;
	}

	@Override
	public String toString() {
		return "SealdropUserDetails[" + this.principal + ", enabled=" + this.enabled + "]";
	}

}
