package dev.sealdrop.server.security;

import java.io.IOException;

import dev.sealdrop.server.problem.ProblemResponseWriter;
import dev.sealdrop.server.problem.ProblemType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * Answers failed or missing authentication: 429 with {@code Retry-After} when throttled, otherwise
 * 401 with both challenges ({@code Basic} and {@code Bearer}, plus {@code error="invalid_token"}
 * for a rejected token, RFC 6750 §3.1). The detail never says which part was wrong.
 */
final class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

	private final ProblemResponseWriter writer;

	ProblemAuthenticationEntryPoint(ProblemResponseWriter writer) {
		this.writer = writer;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		if (exception instanceof LoginThrottledException throttled) {
			this.writer.write(request, response, ProblemType.TOO_MANY_LOGIN_ATTEMPTS,
					"Too many failed sign-ins for this account or address; retry after the Retry-After delay.",
					new HttpHeaders(), throttled.retryAfter());
			return;
		}
		HttpHeaders headers = new HttpHeaders();
		headers.add(HttpHeaders.WWW_AUTHENTICATE, ProblemResponseWriter.CHALLENGES.get(0));
		headers.add(HttpHeaders.WWW_AUTHENTICATE, (exception instanceof InvalidBearerTokenException)
				? "Bearer realm=\"sealdrop\", error=\"invalid_token\"" : ProblemResponseWriter.CHALLENGES.get(1));
		this.writer.write(request, response, ProblemType.UNAUTHORIZED, ProblemResponseWriter.UNAUTHORIZED_DETAIL,
				headers, null);
	}

}
