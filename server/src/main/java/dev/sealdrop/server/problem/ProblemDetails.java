package dev.sealdrop.server.problem;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Optional;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/** Builds problem bodies from the catalogue, so MVC handlers and servlet filters agree. */
final class ProblemDetails {

	private ProblemDetails() {
	}

	static ProblemDetail of(ProblemType type, String detail, String instance, Map<String, ?> properties) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(type.status(), detail);
		problem.setType(type.type());
		problem.setTitle(type.title());
		setInstance(problem, instance);
		properties.forEach(problem::setProperty);
		return problem;
	}

	/** Sets {@code instance} to the request path; a path that is not a valid URI is left out. */
	static void setInstance(ProblemDetail problem, String requestUri) {
		if (requestUri != null) {
			try {
				problem.setInstance(new URI(requestUri));
			}
			catch (URISyntaxException ex) {
				// Tomcat normally rejects such paths earlier; the problem is still useful without it.
			}
		}
	}

	/** The catalogue entry for a status Spring chose itself, if sealdrop has one. */
	static Optional<ProblemType> forStatus(HttpStatusCode status) {
		ProblemType type = switch (status.value()) {
			case 400 -> ProblemType.VALIDATION_FAILED;
			case 401 -> ProblemType.UNAUTHORIZED;
			case 403 -> ProblemType.FORBIDDEN;
			case 404 -> ProblemType.NOT_FOUND;
			case 405 -> ProblemType.METHOD_NOT_ALLOWED;
			case 406 -> ProblemType.NOT_ACCEPTABLE;
			case 409 -> ProblemType.CONFLICT;
			case 413 -> ProblemType.PAYLOAD_TOO_LARGE;
			case 415 -> ProblemType.UNSUPPORTED_MEDIA_TYPE;
			case 500 -> ProblemType.INTERNAL;
			default -> null;
		};
		return Optional.ofNullable(type);
	}

}
