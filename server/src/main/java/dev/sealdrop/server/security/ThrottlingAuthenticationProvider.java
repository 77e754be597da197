package dev.sealdrop.server.security;

import java.nio.charset.StandardCharsets;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Password authentication with {@link LoginThrottle} around it. Locked usernames and addresses are
 * refused before the password is checked; failures are counted; the result carries a
 * {@link SealdropPrincipal} and no credentials.
 */
final class ThrottlingAuthenticationProvider implements AuthenticationProvider {

	private final AuthenticationProvider passwordAuthentication;

	private final LoginThrottle throttle;

	ThrottlingAuthenticationProvider(AuthenticationProvider passwordAuthentication, LoginThrottle throttle) {
		this.passwordAuthentication = passwordAuthentication;
		this.throttle = throttle;
	}

	@Override
	public Authentication authenticate(Authentication authentication) throws AuthenticationException {
		String username = authentication.getName();
		String address = (authentication.getDetails() instanceof WebAuthenticationDetails details)
				? details.getRemoteAddress() : null;
		var locked = this.throttle.lockedFor(username, address);
		if (locked.isPresent()) {
			throw new LoginThrottledException(locked.get());
		}
		Authentication result;
		try {
			if (tooLongForBcrypt(authentication.getCredentials())) {
				// bcrypt cannot check it (Spring Security throws); no stored password can be this long.
				throw new BadCredentialsException("Bad credentials");
			}
			result = this.passwordAuthentication.authenticate(authentication);
		}
		catch (BadCredentialsException ex) {
			this.throttle.recordFailure(username, address);
			throw ex;
		}
		this.throttle.recordSuccess(username);
		SealdropPrincipal principal = ((SealdropUserDetails) result.getPrincipal()).principal();
		UsernamePasswordAuthenticationToken authenticated = UsernamePasswordAuthenticationToken.authenticated(principal,
				null, SealdropUserDetails.authorities(principal));
		authenticated.setDetails(authentication.getDetails());
		return authenticated;
	}

	private static boolean tooLongForBcrypt(Object credentials) {
		return credentials instanceof String password && password.getBytes(StandardCharsets.UTF_8).length > 72;
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
