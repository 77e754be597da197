package dev.sealdrop.server.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import dev.sealdrop.format.IntegrityException;
import dev.sealdrop.format.InvalidKeyException;
import dev.sealdrop.format.MalformedArchiveException;
import dev.sealdrop.format.NoMatchingKeyException;
import dev.sealdrop.format.UnsupportedFormatException;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Valid;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Every mapping of {@link ProblemDetailsHandler}, through a controller that throws on demand
 * (standalone MockMvc: no application context needed).
 */
@org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
class ProblemDetailsHandlerTests {

	private final MockMvc mvc = mockMvc();

	private static MockMvc mockMvc() {
		LocalValidatorFactoryBean validator = new LocalValidatorFactoryBean();
		validator.afterPropertiesSet();
		return MockMvcBuilders.standaloneSetup(new ThrowingController())
			.setControllerAdvice(new ProblemDetailsHandler())
			.setValidator(validator)
			.build();
	}

	@Test
	void apiExceptionRendersTypeTitleStatusDetailInstanceAndExtensions() throws Exception {
		this.mvc.perform(get("/throw/api"))
			.andExpect(status().isContentTooLarge())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("urn:sealdrop:problem:too-large"))
			.andExpect(jsonPath("$.title").value("Payload too large"))
			.andExpect(jsonPath("$.status").value(413))
			.andExpect(jsonPath("$.detail").value("Archive exceeds 10 bytes."))
			.andExpect(jsonPath("$.instance").value("/throw/api"))
			.andExpect(jsonPath("$.limit").value(10));
	}

	@Test
	void apiExceptionWithRetryAfterSetsHeaderInWholeSecondsRoundedUp() throws Exception {
		this.mvc.perform(get("/throw/busy"))
			.andExpect(status().isTooManyRequests())
			.andExpect(header().string("Retry-After", "3"))
			.andExpect(jsonPath("$.type").value("urn:sealdrop:problem:too-many-uploads"));
	}

	@ParameterizedTest
	@CsvSource({ "malformed, 400, malformed-archive", "unsupported, 422, unsupported-format",
			"nokey, 422, no-matching-key", "integrity, 422, integrity-failure", "invalidkey, 400, invalid-key" })
	void formatExceptionIsMappedByKind(String which, int status, String slug) throws Exception {
		this.mvc.perform(get("/throw/format/" + which))
			.andExpect(status().is(status))
			.andExpect(jsonPath("$.type").value("urn:sealdrop:problem:" + slug))
			.andExpect(jsonPath("$.detail").value("format says " + which));
	}

	@Test
	void invalidBodyListsFieldErrors() throws Exception {
		this.mvc.perform(post("/throw/body").contentType(MediaType.APPLICATION_JSON).content("{\"name\":\" \"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value("urn:sealdrop:problem:validation-failed"))
			.andExpect(jsonPath("$.errors[0].field").value("name"))
			.andExpect(jsonPath("$.errors[0].message").isNotEmpty());
	}

	@Test
	void invalidParameterListsParameterErrors() throws Exception {
		this.mvc.perform(get("/throw/param").param("size", "1000"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value("urn:sealdrop:problem:validation-failed"))
			.andExpect(jsonPath("$.errors[0].field").value("size"));
	}

	@Test
	void constraintViolationFromAServiceIsValidationFailed() throws Exception {
		this.mvc.perform(get("/throw/constraint"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value("urn:sealdrop:problem:validation-failed"))
			.andExpect(jsonPath("$.errors[0].field").value("name"));
	}

	@Test
	void missingParameterIsValidationFailed() throws Exception {
		this.mvc.perform(get("/throw/param"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value("urn:sealdrop:problem:validation-failed"))
			.andExpect(jsonPath("$.detail").value(containsString("size")));
	}

	@Test
	void parameterOfWrongTypeIsValidationFailed() throws Exception {
		this.mvc.perform(get("/throw/param").param("size", "many"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value("urn:sealdrop:problem:validation-failed"));
	}

	@Test
	void unreadableBodyIsValidationFailed() throws Exception {
		this.mvc.perform(post("/throw/body").contentType(MediaType.APPLICATION_JSON).content("{not json"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value("urn:sealdrop:problem:validation-failed"));
	}

	@Test
	void wrongMethodIs405WithAllowHeader() throws Exception {
		this.mvc.perform(delete("/throw/api"))
			.andExpect(status().isMethodNotAllowed())
			.andExpect(header().string("Allow", containsString("GET")))
			.andExpect(jsonPath("$.type").value("urn:sealdrop:problem:method-not-allowed"));
	}

	@Test
	void wrongContentTypeIs415() throws Exception {
		this.mvc.perform(post("/throw/body").contentType(MediaType.TEXT_PLAIN).content("x"))
			.andExpect(status().isUnsupportedMediaType())
			.andExpect(jsonPath("$.type").value("urn:sealdrop:problem:unsupported-media-type"));
	}

	@Test
	void unacceptableAcceptHeaderIs406AndStillAProblem() throws Exception {
		this.mvc.perform(get("/throw/json").accept(MediaType.IMAGE_PNG))
			.andExpect(status().isNotAcceptable())
			.andExpect(jsonPath("$.type").value("urn:sealdrop:problem:not-acceptable"));
	}

	@Test
	void maxUploadSizeIs413WithLimit() throws Exception {
		this.mvc.perform(get("/throw/upload"))
			.andExpect(status().isContentTooLarge())
			.andExpect(jsonPath("$.type").value("urn:sealdrop:problem:too-large"))
			.andExpect(jsonPath("$.limit").value(2048));
	}

	@Test
	void unexpectedExceptionIs500WithReferenceAndNoInternals() throws Exception {
		this.mvc.perform(get("/throw/bug"))
			.andExpect(status().isInternalServerError())
			.andExpect(jsonPath("$.type").value("urn:sealdrop:problem:internal-error"))
			.andExpect(jsonPath("$.reference").isNotEmpty())
			.andExpect(jsonPath("$.detail").value(not(containsString("secret-internal"))))
			.andExpect(content().string(not(containsString("secret-internal"))))
			.andExpect(content().string(not(containsString("IllegalStateException"))));
	}

	@Test
	void aClientThatWentAwayIsNotLoggedAsAnError(org.springframework.boot.test.system.CapturedOutput output)
			throws Exception {
		this.mvc.perform(get("/throw/client-abort"));
		this.mvc.perform(get("/throw/bug"));

		assertThat(output).doesNotContain("Unexpected error on /throw/client-abort")
			.contains("Unexpected error on /throw/bug");
	}

	@Test
	void accessDeniedInsideAControllerIs403() throws Exception {
		this.mvc.perform(get("/throw/denied"))
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.type").value("urn:sealdrop:problem:forbidden"));
	}

	@Test
	void authenticationFailureInsideAControllerIs401WithChallenges() throws Exception {
		this.mvc.perform(get("/throw/unauthenticated"))
			.andExpect(status().isUnauthorized())
			.andExpect(header().stringValues("WWW-Authenticate", ProblemResponseWriter.CHALLENGES.toArray(String[]::new)))
			.andExpect(jsonPath("$.type").value("urn:sealdrop:problem:unauthorized"));
	}

	@RestController
	static class ThrowingController {

		record Body(@NotBlank String name) {
		}

		@GetMapping("/throw/client-abort")
		String clientAbort() throws java.io.IOException {
			throw new org.apache.catalina.connector.ClientAbortException(new java.io.IOException("Broken pipe"));
		}

		@GetMapping("/throw/api")
		String api() {
			throw new ApiException(ProblemType.PAYLOAD_TOO_LARGE, "Archive exceeds 10 bytes.", Map.of("limit", 10));
		}

		@GetMapping("/throw/busy")
		String busy() {
			throw new ApiException(ProblemType.TOO_MANY_UPLOADS, "Busy.", Map.of(), Duration.ofMillis(2500), null);
		}

		@GetMapping("/throw/format/{which}")
		String format(@PathVariable String which) throws Exception {
			String message = "format says " + which;
			throw switch (which) {
				case "malformed" -> new MalformedArchiveException(message);
				case "unsupported" -> new UnsupportedFormatException(message);
				case "nokey" -> new NoMatchingKeyException(message);
				case "integrity" -> new IntegrityException(message);
				default -> new InvalidKeyException(message);
			};
		}

		@PostMapping(path = "/throw/body", consumes = "application/json")
		String body(@Valid @RequestBody Body body) {
			return body.name();
		}

		@GetMapping("/throw/param")
		String param(@RequestParam @Max(100) int size) {
			return "ok";
		}

		@GetMapping("/throw/constraint")
		String constraint() {
			Validator validator = Validation.buildDefaultValidatorFactory().getValidator();
			Set<? extends jakarta.validation.ConstraintViolation<?>> violations = validator.validate(new Body(""));
			throw new ConstraintViolationException(Set.copyOf(violations));
		}

		@GetMapping(path = "/throw/json", produces = "application/json")
		Map<String, String> json() {
			return Map.of("a", "b");
		}

		@GetMapping("/throw/upload")
		String upload() {
			throw new MaxUploadSizeExceededException(2048);
		}

		@GetMapping("/throw/bug")
		String bug() {
			throw new IllegalStateException("secret-internal state");
		}

		@GetMapping("/throw/denied")
		String denied() {
			throw new AccessDeniedException("no");
		}

		@GetMapping("/throw/unauthenticated")
		String unauthenticated() {
			throw new BadCredentialsException("no");
		}

	}

}
