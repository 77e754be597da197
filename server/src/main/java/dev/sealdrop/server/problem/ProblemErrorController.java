package dev.sealdrop.server.problem;

import java.util.Map;
import java.util.UUID;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Renders errors that never reached a controller (an exception in a servlet filter, a request the
 * firewall rejected, {@code sendError} from the container) as problems, replacing Boot's
 * {@code BasicErrorController} so clients see one error format everywhere. Never echoes exception
 * messages.
 */
@RestController
class ProblemErrorController implements ErrorController {

	private static final Logger log = LoggerFactory.getLogger(ProblemErrorController.class);

	@RequestMapping("${spring.web.error.path:/error}")
	ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		if (code == null) {
			// Requested directly rather than forwarded by the container: there is no error to render.
			ProblemDetail notFound = ProblemDetails.of(ProblemType.NOT_FOUND, "There is no resource at this path.",
					request.getRequestURI(), Map.of());
			return ResponseEntity.status(ProblemType.NOT_FOUND.status()).body(notFound);
		}
		HttpStatusCode status = HttpStatusCode.valueOf((code instanceof Integer value && value >= 400) ? value : 500);
		String path = (String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		ProblemDetail problem;
		if (status.is5xxServerError()) {
			String reference = UUID.randomUUID().toString();
			log.error("Error outside MVC on {} (status {}, reference {})", path, status.value(), reference,
					(Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION));
			problem = ProblemDetails.of(ProblemType.INTERNAL,
					"An unexpected error occurred. Report reference " + reference + " to the server operator.", path,
					Map.of("reference", reference));
			problem.setStatus(status.value());
		}
		else {
			problem = ProblemDetail.forStatusAndDetail(status, "The request was rejected (" + status.value() + ").");
			ProblemDetails.forStatus(status).ifPresent((type) -> {
				problem.setType(type.type());
				problem.setTitle(type.title());
			});
			ProblemDetails.setInstance(problem, path);
		}
		return ResponseEntity.status(status).body(problem);
	}

}
