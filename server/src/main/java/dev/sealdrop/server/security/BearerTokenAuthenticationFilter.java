package dev.sealdrop.server.security;

import java.io.IOException;
import java.util.Optional;

import dev.sealdrop.server.tokens.ApiTokenService;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer sdt_...} with an API token. Requests without a bearer
 * header pass through untouched (HTTP Basic or anonymous). A rejected token ends the request with a
 * 401; rejections count towards the address's login throttle, and once it is locked further
 * rejected tokens are answered with 429. Valid tokens are never throttled.
 * Not a Spring bean on purpose: it lives only in the security filter chain, never as a servlet filter.
 */
final class BearerTokenAuthenticationFilter extends OncePerRequestFilter {

	private static final String PREFIX = "Bearer ";

	private final ApiTokenService tokens;

	private final LoginThrottle throttle;

	private final AuthenticationEntryPoint entryPoint;

	private final SecurityContextHolderStrategy contextHolder = SecurityContextHolder.getContextHolderStrategy();

	private final SecurityContextRepository contextRepository = new RequestAttributeSecurityContextRepository();

	BearerTokenAuthenticationFilter(ApiTokenService tokens, LoginThrottle throttle, AuthenticationEntryPoint entryPoint) {
		this.tokens = tokens;
		this.throttle = throttle;
		this.entryPoint = entryPoint;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
			chain.doFilter(request, response);
			return;
		}
		Optional<SealdropPrincipal> principal = this.tokens.authenticate(header.substring(PREFIX.length()).strip());
		if (principal.isEmpty()) {
			this.contextHolder.clearContext();
			// A valid token always works (guessing 256 bits is hopeless, and a NAT neighbour's failed
			// logins must not lock out scripts); rejected ones are counted and, past the limit, answered
			// with 429 to slow down whoever is trying.
			String address = request.getRemoteAddr();
			var locked = this.throttle.lockedFor(address);
			if (locked.isPresent()) {
				this.entryPoint.commence(request, response, new LoginThrottledException(locked.get()));
				return;
			}
			this.throttle.recordFailure(address);
			this.entryPoint.commence(request, response, new InvalidBearerTokenException());
			return;
		}
		var authentication = UsernamePasswordAuthenticationToken.authenticated(principal.get(), null,
				SealdropUserDetails.authorities(principal.get()));
		SecurityContext context = this.contextHolder.createEmptyContext();
		context.setAuthentication(authentication);
		this.contextHolder.setContext(context);
		this.contextRepository.saveContext(context, request, response);
		chain.doFilter(request, response);
	}

}
