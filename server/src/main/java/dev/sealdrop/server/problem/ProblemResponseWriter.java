package dev.sealdrop.server.problem;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/**
 * Writes problem responses from servlet filters (authentication, throttling), where no MVC handler
 * runs. Bodies are identical to the ones {@link ProblemDetailsHandler} produces.
 */
@Component
public class ProblemResponseWriter {

	/** Detail of every 401: deliberately the same for unknown user, wrong password or bad token. */
	public static final String UNAUTHORIZED_DETAIL = "Authenticate with HTTP Basic (username and password) "
			+ "or an API token (Authorization: Bearer sdt_...).";

	public static final String FORBIDDEN_DETAIL = "Your account is not allowed to do this.";

	/** The challenges sent with every 401 (RFC 9110 §11.6.1, RFC 6750 §3). */
	public static final List<String> CHALLENGES = List.of("Basic realm=\"sealdrop\", charset=\"UTF-8\"",
			"Bearer realm=\"sealdrop\"");

	private final JsonMapper jsonMapper;

	public ProblemResponseWriter(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
	}

	/**
	 * Writes a problem with the type's status. Does nothing if the response is already committed.
	 * @param headers extra response headers, e.g. {@code WWW-Authenticate}; may be empty
	 * @param retryAfter sent as {@code Retry-After}; {@code null} for none
	 */
	public void write(HttpServletRequest request, HttpServletResponse response, ProblemType type, String detail,
			HttpHeaders headers, Duration retryAfter) throws IOException {
		if (response.isCommitted()) {
			return;
		}
		response.resetBuffer();
		response.setStatus(type.status().value());
		headers.forEach((name, values) -> values.forEach((value) -> response.addHeader(name, value)));
		if (retryAfter != null) {
			response.setHeader(HttpHeaders.RETRY_AFTER, ProblemDetailsHandler.retryAfterSeconds(retryAfter));
		}
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		ProblemDetail problem = ProblemDetails.of(type, detail, request.getRequestURI(), Map.of());
		this.jsonMapper.writeValue(response.getOutputStream(), toMap(problem));
	}

	/** The RFC 9457 member order; extension members flattened like the MVC converter does. */
	private static Map<String, Object> toMap(ProblemDetail problem) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", problem.getType().toString());
		body.put("title", problem.getTitle());
		body.put("status", problem.getStatus());
		body.put("detail", problem.getDetail());
		if (problem.getInstance() != null) {
			body.put("instance", problem.getInstance().toString());
		}
		if (problem.getProperties() != null) {
			body.putAll(problem.getProperties());
		}
		return body;
	}

}
