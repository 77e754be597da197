package dev.sealdrop.server.security;

import java.io.IOException;

import dev.sealdrop.server.problem.ProblemResponseWriter;
import dev.sealdrop.server.problem.ProblemType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;

/** Answers an authenticated caller without the required role with a 403 problem. */
final class ProblemAccessDeniedHandler implements AccessDeniedHandler {

	private final ProblemResponseWriter writer;

	ProblemAccessDeniedHandler(ProblemResponseWriter writer) {
		this.writer = writer;
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException exception)
			throws IOException {
		this.writer.write(request, response, ProblemType.FORBIDDEN, ProblemResponseWriter.FORBIDDEN_DETAIL,
				new HttpHeaders(), null);
	}

}
