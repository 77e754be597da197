package dev.sealdrop.server.problem;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.sealdrop.format.SealdropException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.MessageSourceResolvable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The one place that turns exceptions into {@code application/problem+json} responses (RFC 9457).
 * <ul>
 * <li>{@link ApiException}: its {@link ProblemType}, detail, extension members and
 * {@code Retry-After}.</li>
 * <li>{@link SealdropException}: by {@link SealdropException#kind()}; format messages never contain
 * key material or plaintext, so they are passed on as the detail.</li>
 * <li>Spring MVC's own exceptions (validation, missing parameters, unreadable bodies, 404, 405, 406,
 * 415, upload size): Spring's status and headers ({@code Allow}, {@code Accept}), sealdrop's type and
 * title; validation failures list {@code errors: [{field, message}]}.</li>
 * <li>Anything else: 500 with a reference id in the detail; the exception is logged with the same id,
 * never sent.</li>
 * </ul>
 * Security failures outside MVC (401/403 from filters) are rendered by
 * {@link ProblemResponseWriter} with the same bodies.
 */
@RestControllerAdvice
public class ProblemDetailsHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemDetailsHandler.class);

	@ExceptionHandler(ApiException.class)
	ResponseEntity<Object> handleApiException(ApiException ex, WebRequest request) {
		if (ex.type().status().is5xxServerError()) {
			log.error("Request {} failed: {}", path(request), ex.getMessage(), ex);
		}
		HttpHeaders headers = new HttpHeaders();
		ex.retryAfter().ifPresent((retryAfter) -> headers.set(HttpHeaders.RETRY_AFTER, retryAfterSeconds(retryAfter)));
		ProblemDetail body = ProblemDetails.of(ex.type(), ex.detail(), path(request), ex.properties());
		return createResponseEntity(body, headers, ex.type().status(), request);
	}

	@ExceptionHandler(SealdropException.class)
	ResponseEntity<Object> handleSealdropException(SealdropException ex, WebRequest request) {
		ProblemType type = switch (ex.kind()) {
			case MALFORMED_ARCHIVE -> ProblemType.MALFORMED_ARCHIVE;
			case UNSUPPORTED_FORMAT -> ProblemType.UNSUPPORTED_FORMAT;
			case NO_MATCHING_KEY -> ProblemType.NO_MATCHING_KEY;
			case INTEGRITY_FAILURE -> ProblemType.INTEGRITY_FAILURE;
			case INVALID_KEY -> ProblemType.INVALID_KEY;
		};
		ProblemDetail body = ProblemDetails.of(type, ex.getMessage(), path(request), Map.of());
		return createResponseEntity(body, new HttpHeaders(), type.status(), request);
	}

	@ExceptionHandler(ConstraintViolationException.class)
	ResponseEntity<Object> handleConstraintViolation(ConstraintViolationException ex, WebRequest request) {
		List<Map<String, String>> errors = ex.getConstraintViolations()
			.stream()
			.map((violation) -> fieldError(lastNode(violation.getPropertyPath().toString()), violation.getMessage()))
			.toList();
		return validationFailed(errors, request);
	}

	/** Thrown inside a controller rather than by the filter chain; answered the same way. */
	@ExceptionHandler(AccessDeniedException.class)
	ResponseEntity<Object> handleAccessDenied(AccessDeniedException ex, WebRequest request) {
		ProblemDetail body = ProblemDetails.of(ProblemType.FORBIDDEN, ProblemResponseWriter.FORBIDDEN_DETAIL,
				path(request), Map.of());
		return createResponseEntity(body, new HttpHeaders(), ProblemType.FORBIDDEN.status(), request);
	}

	@ExceptionHandler(AuthenticationException.class)
	ResponseEntity<Object> handleAuthentication(AuthenticationException ex, WebRequest request) {
		ProblemDetail body = ProblemDetails.of(ProblemType.UNAUTHORIZED, ProblemResponseWriter.UNAUTHORIZED_DETAIL,
				path(request), Map.of());
		HttpHeaders headers = new HttpHeaders();
		ProblemResponseWriter.CHALLENGES.forEach((challenge) -> headers.add(HttpHeaders.WWW_AUTHENTICATE, challenge));
		return createResponseEntity(body, headers, ProblemType.UNAUTHORIZED.status(), request);
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<Object> handleUnexpected(Exception ex, WebRequest request) {
		if (clientWentAway(ex)) {
			// nobody is left to answer, and logging each one as an error would let any user flood the log
			log.debug("The client went away during {}: {}", path(request), ex.toString());
			return null;
		}
		String reference = UUID.randomUUID().toString();
		log.error("Unexpected error on {} (reference {})", path(request), reference, ex);
		ProblemDetail body = ProblemDetails.of(ProblemType.INTERNAL,
				"An unexpected error occurred. Report reference " + reference + " to the server operator.",
				path(request), Map.of("reference", reference));
		return createResponseEntity(body, new HttpHeaders(), ProblemType.INTERNAL.status(), request);
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<Map<String, String>> errors = new ArrayList<>();
		for (FieldError error : ex.getBindingResult().getFieldErrors()) {
			errors.add(fieldError(error.getField(), error.getDefaultMessage()));
		}
		ex.getBindingResult()
			.getGlobalErrors()
			.forEach((error) -> errors.add(fieldError(error.getObjectName(), error.getDefaultMessage())));
		return validationFailed(errors, request);
	}

	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<Map<String, String>> errors = new ArrayList<>();
		ex.getParameterValidationResults().forEach((result) -> {
			String name = result.getMethodParameter().getParameterName();
			for (MessageSourceResolvable error : result.getResolvableErrors()) {
				errors.add(fieldError(name, error.getDefaultMessage()));
			}
		});
		return validationFailed(errors, request);
	}

	@Override
	protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return validationFailed("The required parameter '" + ex.getParameterName() + "' is missing.",
				List.of(fieldError(ex.getParameterName(), "is required")), request);
	}

	@Override
	protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		Map<String, Object> properties = new LinkedHashMap<>();
		if (ex.getMaxUploadSize() > 0) {
			properties.put("limit", ex.getMaxUploadSize());
		}
		ProblemDetail body = ProblemDetails.of(ProblemType.PAYLOAD_TOO_LARGE,
				"The upload exceeds the maximum request size.", path(request), properties);
		return createResponseEntity(body, headers, ProblemType.PAYLOAD_TOO_LARGE.status(), request);
	}

	/**
	 * Every other Spring MVC exception ends here with Spring's status, headers and detail; the type
	 * and title come from the sealdrop catalogue so clients see one vocabulary.
	 */
	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		ProblemDetail problem = (body instanceof ProblemDetail detail) ? detail : ProblemDetail.forStatus(statusCode);
		ProblemDetails.forStatus(statusCode).ifPresent((type) -> {
			problem.setType(type.type());
			problem.setTitle(type.title());
		});
		if (problem.getDetail() == null) {
			// Never fall back to the exception message: parser messages can quote the request body.
			problem.setDetail((statusCode.value() == 404) ? "There is no resource at this path."
					: "The request could not be processed (" + statusCode.value() + ").");
		}
		ProblemDetails.setInstance(problem, path(request));
		return super.handleExceptionInternal(ex, problem, headers, statusCode, request);
	}

	private ResponseEntity<Object> validationFailed(List<Map<String, String>> errors, WebRequest request) {
		return validationFailed("The request has invalid fields; see errors.", errors, request);
	}

	private ResponseEntity<Object> validationFailed(String detail, List<Map<String, String>> errors,
			WebRequest request) {
		ProblemDetail body = ProblemDetails.of(ProblemType.VALIDATION_FAILED, detail, path(request),
				Map.of("errors", errors));
		return createResponseEntity(body, new HttpHeaders(), ProblemType.VALIDATION_FAILED.status(), request);
	}

	private static Map<String, String> fieldError(String field, String message) {
		Map<String, String> error = new LinkedHashMap<>();
		error.put("field", field);
		error.put("message", (message != null) ? message : "is invalid");
		return error;
	}

	private static String lastNode(String propertyPath) {
		int dot = propertyPath.lastIndexOf('.');
		return (dot >= 0) ? propertyPath.substring(dot + 1) : propertyPath;
	}

	static String retryAfterSeconds(Duration retryAfter) {
		long seconds = retryAfter.toSeconds() + ((retryAfter.toNanosPart() > 0) ? 1 : 0);
		return Long.toString(Math.max(1, seconds));
	}

	private static String path(WebRequest request) {
		if (request instanceof NativeWebRequest nativeRequest
				&& nativeRequest.getNativeRequest() instanceof HttpServletRequest servletRequest) {
			return servletRequest.getRequestURI();
		}
		return null;
	}

	/** Tomcat's ClientAbortException anywhere in the chain: the connection closed under the request. */
	private static boolean clientWentAway(Throwable ex) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if ("org.apache.catalina.connector.ClientAbortException".equals(t.getClass().getName())) {
				return true;
			}
		}
		return false;
	}

}
