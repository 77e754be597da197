package dev.sealdrop.server.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import dev.sealdrop.server.upload.SealdropTestBase;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** The running server over real HTTP (JDK client): no MockMvc shortcuts in between. */
class RealHttpTests extends SealdropTestBase {

	@LocalServerPort
	int port;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	private HttpResponse<String> get(String path, String authorization) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.timeout(Duration.ofSeconds(30));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String basic(String username, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void healthIsUpWithoutCredentials() throws Exception {
		HttpResponse<String> response = get("/actuator/health", null);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(jsonOf(response.body()).get("status").asString()).isEqualTo("UP");
	}

	@Test
	void livenessProbeIsUp() throws Exception {
		assertThat(get("/actuator/health/liveness", null).statusCode()).isEqualTo(200);
	}

	@Test
	void meAnswersTheBootstrappedAdministrator() throws Exception {
		HttpResponse<String> response = get("/api/v1/users/me", basic("admin", ADMIN_PASSWORD));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(jsonOf(response.body()).get("username").asString()).isEqualTo("admin");
		assertThat(jsonOf(response.body()).get("admin").asBoolean()).isTrue();
		assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
	}

	@Test
	void meWithoutCredentialsIsAProblemWithChallenges() throws Exception {
		HttpResponse<String> response = get("/api/v1/users/me", null);
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.headers().allValues("WWW-Authenticate")).hasSize(2);
		assertThat(jsonOf(response.body()).get("type").asString()).isEqualTo("urn:sealdrop:problem:unauthorized");
	}

	@Test
	void healthDetailsAreVisibleToAdministratorsOnly() throws Exception {
		assertThat(jsonOf(get("/actuator/health", null).body()).has("components")).isFalse();
		var details = jsonOf(get("/actuator/health", basic("admin", ADMIN_PASSWORD)).body());
		assertThat(details.get("components").get("diskSpace").get("status").asString()).isEqualTo("UP");
		assertThat(details.get("components").get("diskSpace").get("details").get("path").asString())
			.startsWith(DATA_DIR.toString());
	}

	@Test
	void prometheusNeedsAnAdministrator() throws Exception {
		assertThat(get("/actuator/prometheus", null).statusCode()).isEqualTo(401);
		HttpResponse<String> response = get("/actuator/prometheus", basic("admin", ADMIN_PASSWORD));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("jvm_memory_used_bytes");
	}

	@Test
	void infoShowsTheBuildWithoutCredentials() throws Exception {
		HttpResponse<String> response = get("/actuator/info", null);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(jsonOf(response.body()).has("java")).isTrue();
	}

	@Test
	void openApiDocumentDeclaresBothSchemesAndProblemResponses() throws Exception {
		var doc = jsonOf(get("/v3/api-docs", null).body());
		var schemes = doc.get("components").get("securitySchemes");
		assertThat(schemes.get(OpenApiConfig.BASIC_SCHEME).get("scheme").asString()).isEqualTo("basic");
		assertThat(schemes.get(OpenApiConfig.BEARER_SCHEME).get("scheme").asString()).isEqualTo("bearer");
		assertThat(doc.get("components").get("responses").has("Unauthorized")).isTrue();
		assertThat(doc.get("info").get("description").asString()).contains("urn:sealdrop:problem:login-throttled");
		var listUsers = doc.get("paths").get("/api/v1/users").get("get").get("responses");
		assertThat(listUsers.get("403").get("$ref").asString()).isEqualTo(OpenApiConfig.FORBIDDEN);
		assertThat(doc.get("paths").get("/api/v1/tokens").get("post").get("responses").has("201")).isTrue();
	}

	@Test
	void containerHealthCheckPassesAgainstTheRunningServer() {
		assertThat(HealthCheck.check("http://localhost:" + this.port + "/actuator/health/liveness")).isTrue();
	}

	@Test
	void containerHealthCheckFailsWhenNothingAnswers() {
		assertThat(HealthCheck.check("http://127.0.0.1:1/actuator/health/liveness")).isFalse();
	}

	@Test
	void requestRejectedBeforeMvcIsStillAProblem() throws Exception {
		// The firewall rejects path parameters before any controller runs; the container forwards
		// to /error, which must answer in the same format.
		HttpResponse<String> response = get("/api/v1/users;x=1/me", basic("admin", ADMIN_PASSWORD));
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(jsonOf(response.body()).get("type").asString()).isEqualTo("urn:sealdrop:problem:validation-failed");
	}

	@Test
	void errorPathRequestedDirectlyIsNotFound() throws Exception {
		HttpResponse<String> response = get("/error", basic("admin", ADMIN_PASSWORD));
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(jsonOf(response.body()).get("type").asString()).isEqualTo("urn:sealdrop:problem:not-found");
	}

	@Test
	void swaggerUiIsServed() throws Exception {
		HttpResponse<String> response = get("/swagger-ui/index.html", null);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("swagger");
	}

}
