package dev.sealdrop.server.problem;

import java.net.URI;

import org.springframework.http.HttpStatus;

/**
 * Every kind of error the API reports, as an RFC 9457 problem type. The type URI is
 * {@code urn:sealdrop:problem:<slug>}; clients switch on it, never on the title or detail.
 * <p>
 * Status choices, and why:
 * <ul>
 * <li>{@link #MALFORMED_ARCHIVE} 400: the body is not a well-formed sealdrop archive.</li>
 * <li>{@link #UNSUPPORTED_FORMAT} 422: the archive is well-formed but uses a version or algorithm
 * this server does not implement (the media type itself was fine, so not 415).</li>
 * <li>{@link #NO_MATCHING_KEY} 422: the archive is addressed to no current or retired server key.</li>
 * <li>{@link #RETIRED_KEY} 422: the archive is addressed to a server key that no longer accepts
 * uploads.</li>
 * <li>{@link #INTEGRITY_FAILURE} 422: an authentication tag or digest did not verify.</li>
 * <li>{@link #INVALID_KEY} 400: a key supplied in the request cannot be parsed or used.</li>
 * <li>{@link #PAYLOAD_TOO_LARGE} 413: the request exceeds a size limit (extension member
 * {@code limit}, bytes).</li>
 * <li>{@link #QUOTA_EXCEEDED} 403: the caller's storage quota is used up; retrying the same request
 * cannot succeed until files are deleted, so neither 413 (request size) nor 507 (server disk).</li>
 * <li>{@link #TOO_MANY_UPLOADS} 429: too many concurrent uploads; may carry {@code Retry-After}.</li>
 * <li>{@link #UNSUPPORTED_MEDIA_TYPE} 415, {@link #NOT_ACCEPTABLE} 406,
 * {@link #METHOD_NOT_ALLOWED} 405: HTTP protocol-level mismatches.</li>
 * <li>{@link #VALIDATION_FAILED} 400: a parameter or body field is invalid (extension member
 * {@code errors}: list of {@code {field, message}}).</li>
 * <li>{@link #NOT_FOUND} 404, {@link #CONFLICT} 409 (e.g. duplicate username).</li>
 * <li>{@link #UNAUTHORIZED} 401 (with {@code WWW-Authenticate}), {@link #FORBIDDEN} 403.</li>
 * <li>{@link #TOO_MANY_LOGIN_ATTEMPTS} 429: login throttled after repeated failures; carries
 * {@code Retry-After}.</li>
 * <li>{@link #TOO_MANY_CHALLENGES} 429: too many server-key challenges from one address; carries
 * {@code Retry-After}.</li>
 * <li>{@link #INTERNAL} 500: anything unexpected; the detail never contains internals, the cause is
 * logged server-side.</li>
 * </ul>
 */
public enum ProblemType {

	MALFORMED_ARCHIVE(HttpStatus.BAD_REQUEST, "malformed-archive", "Malformed archive"),
	UNSUPPORTED_FORMAT(HttpStatus.UNPROCESSABLE_CONTENT, "unsupported-format", "Unsupported archive format"),
	NO_MATCHING_KEY(HttpStatus.UNPROCESSABLE_CONTENT, "no-matching-key", "No matching server key"),
	RETIRED_KEY(HttpStatus.UNPROCESSABLE_CONTENT, "retired-key", "Server key retired"),
	INTEGRITY_FAILURE(HttpStatus.UNPROCESSABLE_CONTENT, "integrity-failure", "Integrity check failed"),
	INVALID_KEY(HttpStatus.BAD_REQUEST, "invalid-key", "Invalid key"),
	PAYLOAD_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "too-large", "Payload too large"),
	QUOTA_EXCEEDED(HttpStatus.FORBIDDEN, "quota-exceeded", "Storage quota exceeded"),
	TOO_MANY_UPLOADS(HttpStatus.TOO_MANY_REQUESTS, "too-many-uploads", "Too many concurrent uploads"),
	UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "Unsupported media type"),
	NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE, "not-acceptable", "Not acceptable"),
	METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed", "Method not allowed"),
	VALIDATION_FAILED(HttpStatus.BAD_REQUEST, "validation-failed", "Validation failed"),
	NOT_FOUND(HttpStatus.NOT_FOUND, "not-found", "Not found"),
	CONFLICT(HttpStatus.CONFLICT, "conflict", "Conflict"),
	UNAUTHORIZED(HttpStatus.UNAUTHORIZED, "unauthorized", "Authentication required"),
	FORBIDDEN(HttpStatus.FORBIDDEN, "forbidden", "Forbidden"),
	TOO_MANY_LOGIN_ATTEMPTS(HttpStatus.TOO_MANY_REQUESTS, "login-throttled", "Too many failed logins"),
	TOO_MANY_CHALLENGES(HttpStatus.TOO_MANY_REQUESTS, "challenge-throttled", "Too many challenges"),
	INTERNAL(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal server error");

	/** Prefix of every problem type URI. */
	public static final String URI_PREFIX = "urn:sealdrop:problem:";

	private final HttpStatus status;

	private final String slug;

	private final String title;

	ProblemType(HttpStatus status, String slug, String title) {
		this.status = status;
		this.slug = slug;
		this.title = title;
	}

	public HttpStatus status() {
		return this.status;
	}

	public String slug() {
		return this.slug;
	}

	public String title() {
		return this.title;
	}

	/** The RFC 9457 {@code type} member, {@code urn:sealdrop:problem:<slug>}. */
	public URI type() {
		return URI.create(URI_PREFIX + this.slug);
	}

}
