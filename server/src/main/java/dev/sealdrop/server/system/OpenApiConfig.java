package dev.sealdrop.server.system;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.sealdrop.server.problem.ProblemType;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document ({@code /v3/api-docs}, Swagger UI at {@code /swagger-ui.html}): both
 * security schemes, the problem-type catalogue, and reusable problem responses. Controllers refer
 * to the responses with {@code @ApiResponse(responseCode = "404", ref = OpenApiConfig.NOT_FOUND)}.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfig {

	public static final String UNAUTHORIZED = "#/components/responses/Unauthorized";

	public static final String FORBIDDEN = "#/components/responses/Forbidden";

	public static final String NOT_FOUND = "#/components/responses/NotFound";

	public static final String VALIDATION_FAILED = "#/components/responses/ValidationFailed";

	public static final String CONFLICT = "#/components/responses/Conflict";

	public static final String LOGIN_THROTTLED = "#/components/responses/LoginThrottled";

	/** Problem responses for the archive checks, for upload endpoints. */
	public static final String BAD_ARCHIVE = "#/components/responses/BadArchive";

	public static final String UNPROCESSABLE_ARCHIVE = "#/components/responses/UnprocessableArchive";

	public static final String TOO_LARGE = "#/components/responses/TooLarge";

	public static final String TOO_MANY_UPLOADS = "#/components/responses/TooManyUploads";

	public static final String BASIC_SCHEME = "basicAuth";

	public static final String BEARER_SCHEME = "bearerAuth";

	private static final String PROBLEM_SCHEMA = "Problem";

	@Bean
	OpenAPI sealdropOpenApi(ObjectProvider<BuildProperties> build) {
		BuildProperties buildProperties = build.getIfAvailable();
		String version = (buildProperties != null) ? buildProperties.getVersion() : "dev";
		Components components = new Components()
			.addSecuritySchemes(BASIC_SCHEME,
					new SecurityScheme().type(SecurityScheme.Type.HTTP)
						.scheme("basic")
						.description("Username and password. Repeated failures are throttled (429)."))
			.addSecuritySchemes(BEARER_SCHEME,
					new SecurityScheme().type(SecurityScheme.Type.HTTP)
						.scheme("bearer")
						.bearerFormat("sdt_<43 base64url characters>")
						.description("An API token from POST /api/v1/tokens."))
			.addSchemas(PROBLEM_SCHEMA, problemSchema());
		responses().forEach(components::addResponses);
		return new OpenAPI()
			.info(new Info().title("sealdrop API")
				.version(version)
				.description(description())
				.license(new License().name("See the project repository")))
			.components(components)
			// Either scheme satisfies every operation; public endpoints say security = {}.
			.addSecurityItem(new SecurityRequirement().addList(BASIC_SCHEME))
			.addSecurityItem(new SecurityRequirement().addList(BEARER_SCHEME));
	}

	private static String description() {
		String table = Arrays.stream(ProblemType.values())
			.map((type) -> "| `" + type.type() + "` | " + type.status().value() + " | " + type.title() + " |")
			.collect(Collectors.joining("\n"));
		return """
				Secure file transfer: clients encrypt archives to the server key and upload them; the \
				server verifies and stores them.

				Authenticate with HTTP Basic or an API token (`Authorization: Bearer sdt_...`).

				Every error is an RFC 9457 problem (`application/problem+json`) with `type`, `title`, \
				`status`, `detail` and `instance`; switch on `type`, never on the text. Types:

				| type | status | title |
				|------|--------|-------|
				""" + table;
	}

	private static Schema<?> problemSchema() {
		return new ObjectSchema().description("RFC 9457 problem details; extension members may follow.")
			.addProperty("type", new StringSchema().format("uri").example(ProblemType.NOT_FOUND.type().toString()))
			.addProperty("title", new StringSchema().example(ProblemType.NOT_FOUND.title()))
			.addProperty("status", new IntegerSchema().example(404))
			.addProperty("detail", new StringSchema().example("No user with id '42'."))
			.addProperty("instance", new StringSchema().format("uri-reference").example("/api/v1/users/42"));
	}

	private static Map<String, ApiResponse> responses() {
		Map<String, ApiResponse> responses = new LinkedHashMap<>();
		responses.put("Unauthorized", problem("Missing or invalid credentials; WWW-Authenticate offers Basic and Bearer.",
				ProblemType.UNAUTHORIZED, "Authenticate with HTTP Basic (username and password) or an API token."));
		responses.put("Forbidden", problem("Authenticated, but not allowed (e.g. not an administrator).",
				ProblemType.FORBIDDEN, "Your account is not allowed to do this."));
		responses.put("NotFound", problem("No such resource.", ProblemType.NOT_FOUND, "No user with id '42'."));
		responses.put("ValidationFailed", validationFailed());
		responses.put("Conflict", problem("The request conflicts with the current state.", ProblemType.CONFLICT,
				"The username 'alice' is taken."));
		responses.put("LoginThrottled", problem("Too many failed sign-ins; see Retry-After.",
				ProblemType.TOO_MANY_LOGIN_ATTEMPTS, "Too many failed sign-ins for this account or address."));
		responses.put("BadArchive", problem("The archive is malformed or a key is invalid.",
				ProblemType.MALFORMED_ARCHIVE, "Header ends early at byte 12."));
		responses.put("UnprocessableArchive",
				problem("Unsupported format, no matching or a retired server key, or an integrity failure.",
						ProblemType.INTEGRITY_FAILURE, "Chunk 3 failed authentication."));
		responses.put("TooLarge", problem("A size limit or quota was exceeded; 'limit' gives the limit in bytes.",
				ProblemType.PAYLOAD_TOO_LARGE, "The upload exceeds the limit of 1073741824 bytes."));
		responses.put("TooManyUploads", problem("Too many concurrent uploads; see Retry-After.",
				ProblemType.TOO_MANY_UPLOADS, "Too many uploads in progress; retry later."));
		return responses;
	}

	private static ApiResponse validationFailed() {
		Map<String, Object> example = example(ProblemType.VALIDATION_FAILED, "The request has invalid fields; see errors.");
		example.put("errors", List.of(Map.of("field", "password", "message",
				"must be at least 12 characters and at most 72 bytes in UTF-8")));
		return response("Invalid parameters or body; 'errors' lists the fields.", ProblemType.VALIDATION_FAILED, example);
	}

	private static ApiResponse problem(String description, ProblemType type, String detail) {
		return response(description, type, example(type, detail));
	}

	private static ApiResponse response(String description, ProblemType type, Map<String, Object> example) {
		MediaType mediaType = new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM_SCHEMA))
			.addExamples(type.slug(), new Example().summary(type.title()).value(example));
		return new ApiResponse().description(description)
			.content(new Content().addMediaType("application/problem+json", mediaType));
	}

	private static Map<String, Object> example(ProblemType type, String detail) {
		Map<String, Object> example = new LinkedHashMap<>();
		example.put("type", type.type().toString());
		example.put("title", type.title());
		example.put("status", type.status().value());
		example.put("detail", detail);
		example.put("instance", "/api/v1/...");
		return example;
	}

}
