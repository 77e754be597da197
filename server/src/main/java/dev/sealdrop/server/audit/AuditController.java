package dev.sealdrop.server.audit;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.sealdrop.server.problem.ApiException;
import dev.sealdrop.server.problem.ProblemType;
import dev.sealdrop.server.security.SealdropPrincipal;
import dev.sealdrop.server.system.PageResponse;

/** {@code GET /api/v1/audit}: the audit log, for admins. */
@RestController
@RequestMapping("/api/v1/audit")
@Tag(name = "audit", description = "Audit log (admin)")
class AuditController {

	static final int MAX_PAGE_SIZE = PageResponse.MAX_SIZE;

	private final AuditRepository repository;

	AuditController(AuditRepository repository) {
		this.repository = repository;
	}

	@GetMapping
	@Operation(summary = "List audit entries, newest first", description = "Admin only. Filters combine with AND.")
	@ApiResponse(responseCode = "200", description = "A page of entries")
	@ApiResponse(responseCode = "400", description = "validation-failed: bad page, size, action or outcome")
	@ApiResponse(responseCode = "403", description = "forbidden: caller is not an admin")
	PageResponse<AuditEvent> list(@AuthenticationPrincipal SealdropPrincipal me,
			@Parameter(description = "0-based page") @RequestParam(defaultValue = "0") int page,
			@Parameter(description = "1.." + MAX_PAGE_SIZE) @RequestParam(defaultValue = "50") int size,
			@Parameter(description = "actor user name") @RequestParam(required = false) String user,
			@Parameter(description = "e.g. DOWNLOAD") @RequestParam(required = false) String action,
			@Parameter(description = "SUCCESS or FAILURE") @RequestParam(required = false) String outcome,
			@Parameter(description = "ISO-8601 instant, inclusive") @RequestParam(required = false) @DateTimeFormat(
					iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
			@Parameter(description = "ISO-8601 instant, exclusive") @RequestParam(required = false) @DateTimeFormat(
					iso = DateTimeFormat.ISO.DATE_TIME) Instant to) {
		if (me == null || !me.admin()) {
			// Also enforced by the security rules; checked here so the endpoint is safe on its own.
			throw new ApiException(ProblemType.FORBIDDEN, "The audit log is for admins only.");
		}
		if (page < 0 || page > 1_000_000) {
			throw new ApiException(ProblemType.VALIDATION_FAILED, "page must be between 0 and 1000000.");
		}
		if (size < 1 || size > MAX_PAGE_SIZE) {
			throw new ApiException(ProblemType.VALIDATION_FAILED, "size must be between 1 and " + MAX_PAGE_SIZE + ".");
		}
		AuditFilter filter = new AuditFilter(blankToNull(user), parse(AuditAction.class, action, "action"),
				parse(AuditOutcome.class, outcome, "outcome"), from, to);
		List<AuditEvent> items = this.repository.find(filter, page * size, size);
		return PageResponse.of(items, page, size, this.repository.count(filter));
	}

	private static String blankToNull(String text) {
		return (text == null || text.isBlank()) ? null : text;
	}

	private static <E extends Enum<E>> E parse(Class<E> type, String text, String name) {
		if (text == null || text.isBlank()) {
			return null;
		}
		for (E constant : type.getEnumConstants()) {
			if (constant.name().equalsIgnoreCase(text)) {
				return constant;
			}
		}
		throw new ApiException(ProblemType.VALIDATION_FAILED, name + " is not one of the known values.");
	}

}
