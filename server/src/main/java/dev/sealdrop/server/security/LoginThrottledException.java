package dev.sealdrop.server.security;

import java.time.Duration;

import org.springframework.security.core.AuthenticationException;

/** Authentication refused because the username or address is locked; answered with 429. */
public class LoginThrottledException extends AuthenticationException {

	private static final long serialVersionUID = 1L;

	private final transient Duration retryAfter;

	LoginThrottledException(Duration retryAfter) {
		super("Too many failed logins");
		this.retryAfter = retryAfter;
	}

	/** How long the lock still lasts. */
	public Duration retryAfter() {
		return this.retryAfter;
	}

}
