package dev.sealdrop.server.security;

import org.springframework.security.core.AuthenticationException;

/** A bearer token that is malformed, unknown, revoked or belongs to a disabled user. */
class InvalidBearerTokenException extends AuthenticationException {

	private static final long serialVersionUID = 1L;

	InvalidBearerTokenException() {
		super("Invalid bearer token");
	}

}
