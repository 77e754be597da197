package dev.sealdrop.server.problem;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Throw anywhere in the server to answer with a problem; {@code ProblemDetailsHandler} renders it as
 * {@code application/problem+json} with the type's status and title. The detail is shown to the
 * client, so it must never hold secrets, key material, tokens or plaintext; say what failed and what
 * to do next.
 */
public class ApiException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final ProblemType type;

	private final Map<String, Object> properties;

	private final Duration retryAfter;

	public ApiException(ProblemType type, String detail) {
		this(type, detail, Map.of(), null, null);
	}

	public ApiException(ProblemType type, String detail, Throwable cause) {
		this(type, detail, Map.of(), null, cause);
	}

	/**
	 * @param properties RFC 9457 extension members (e.g. {@code limit}); values must serialize to
	 * JSON
	 */
	public ApiException(ProblemType type, String detail, Map<String, ?> properties) {
		this(type, detail, properties, null, null);
	}

	/**
	 * @param properties RFC 9457 extension members, may be empty
	 * @param retryAfter sent as {@code Retry-After} (whole seconds, rounded up); {@code null} for none
	 * @param cause logged server-side only, may be {@code null}
	 */
	public ApiException(ProblemType type, String detail, Map<String, ?> properties, Duration retryAfter,
			Throwable cause) {
		super(detail, cause);
		this.type = Objects.requireNonNull(type, "type");
		this.properties = Map.copyOf(new LinkedHashMap<>(properties));
		this.retryAfter = retryAfter;
	}

	public ProblemType type() {
		return this.type;
	}

	/** The detail shown to the client (same as {@link #getMessage()}). */
	public String detail() {
		return getMessage();
	}

	/** Extension members, immutable. */
	public Map<String, Object> properties() {
		return this.properties;
	}

	public Optional<Duration> retryAfter() {
		return Optional.ofNullable(this.retryAfter);
	}

}
