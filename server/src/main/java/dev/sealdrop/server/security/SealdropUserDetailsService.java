package dev.sealdrop.server.security;

import dev.sealdrop.server.users.UserRepository;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsPasswordService;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/**
 * Loads users for HTTP Basic. Also upgrades password hashes to the current default encoding when
 * a user signs in with an older one (DelegatingPasswordEncoder's upgradeEncoding).
 */
@Service
class SealdropUserDetailsService implements UserDetailsService, UserDetailsPasswordService {

	private final UserRepository users;

	SealdropUserDetailsService(UserRepository users) {
		this.users = users;
	}

	@Override
	public UserDetails loadUserByUsername(String username) {
		return this.users.findByUsername(username)
			.map(SealdropUserDetails::new)
			.orElseThrow(() -> new UsernameNotFoundException("Unknown user"));
	}

	@Override
	public UserDetails updatePassword(UserDetails user, String newPassword) {
		this.users.updatePasswordHash(user.getUsername(), newPassword);
		return loadUserByUsername(user.getUsername());
	}

}
