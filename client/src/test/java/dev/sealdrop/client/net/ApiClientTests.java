package dev.sealdrop.client.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.sealdrop.client.config.ServerUrl;
import dev.sealdrop.client.net.FaultyServer.Fault;
import tools.jackson.databind.JsonNode;

class ApiClientTests {

	record Me(String username, String role) {
	}

	private final FaultyServer server = FaultyServer.start();

	private final RecordingSleeper sleeper = new RecordingSleeper();

	@AfterEach
	void stop() {
		server.close();
	}

	private ApiClient client() {
		return ApiClient.builder(server.url()).credentials(Credentials.bearer("sdt_test")).retryPolicy(sleeper.policy()).build();
	}

	@Test
	void mapsJsonResponsesToRecords() throws IOException {
		Me me = client().get("/users/me", Me.class);

		assertThat(me).isEqualTo(new Me("alice", "USER"));
		assertThat(server.requests().get(0).path()).isEqualTo("/api/v1/users/me");
	}

	@Test
	void retriesA503ThenSucceeds() throws IOException {
		server.then(Fault.status(503));

		assertThat(client().get("/users/me", Me.class).username()).isEqualTo("alice");
		assertThat(server.requests()).hasSize(2);
		assertThat(sleeper.sleeps()).hasSize(1);
	}

	@Test
	void aRequestTimeoutIsRetried() throws IOException {
		server.then(Fault.stall());
		ApiClient client = ApiClient.builder(server.url())
			.retryPolicy(sleeper.policy())
			.requestTimeout(Duration.ofMillis(300))
			.build();

		assertThat(client.get("/users/me", Me.class).username()).isEqualTo("alice");
		assertThat(server.requests()).hasSize(2);
	}

	@Test
	void threeFailuresWithThreeAttemptsEndInFatal() {
		server.then(Fault.status(502), Fault.status(502), Fault.status(502));
		ApiClient client = ApiClient.builder(server.url()).retryPolicy(sleeper.policy().withMaxAttempts(3)).build();

		assertThatThrownBy(() -> client.get("/users/me", Me.class)).isInstanceOf(FatalTransferException.class)
			.hasMessage("Fatal: GET /users/me failed after 3 attempts: 502 Bad Gateway");
		assertThat(server.requests()).hasSize(3);
	}

	@Test
	void honoursRetryAfterSeconds() throws IOException {
		server.then(Fault.status(429, "Retry-After", "1"));

		client().get("/users/me", Me.class);

		assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(1));
	}

	@Test
	void givesUpAtOnceWhenRetryAfterIsTooLong() {
		server.then(Fault.status(503, "Retry-After", "3600"));

		assertThatThrownBy(() -> client().get("/users/me", Me.class)).isInstanceOf(FatalTransferException.class)
			.hasMessage("Fatal: GET /users/me failed after 1 attempt: 503 Service Unavailable (the server asked to retry after 3600 s)");
		assertThat(sleeper.sleeps()).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(ints = { 400, 401, 403, 404, 409, 413, 422 })
	void clientErrorsAreNotRetried(int status) {
		server.then(Fault.status(status));

		assertThatThrownBy(() -> client().get("/users/me", Me.class)).isInstanceOf(ApiProblemException.class)
			.satisfies(ex -> assertThat(((ApiProblemException) ex).status()).isEqualTo(status));
		assertThat(server.requests()).hasSize(1);
		assertThat(sleeper.sleeps()).isEmpty();
	}

	@Test
	void problemJsonBecomesAOneLineException() {
		server.then(Fault.problem(404, "urn:sealdrop:problem:not-found", "File not found", "no file x\\u001b[31m\\nexists"));

		assertThatThrownBy(() -> client().get("/files/x", JsonNode.class)).isInstanceOfSatisfying(ApiProblemException.class, ex -> {
			assertThat(ex.status()).isEqualTo(404);
			assertThat(ex.type()).isEqualTo("not-found");
			assertThat(ex.is("not-found")).isTrue();
			assertThat(ex.title()).isEqualTo("File not found");
			assertThat(ex.getMessage()).isEqualTo("404 Not Found: File not found - no file x?[31m?exists");
		});
	}

	@Test
	void anErrorPageThatIsNotJsonStillGivesTheStatus() {
		server.then(Fault.raw(400, "<html>bad</html>", "Content-Type", "text/html"));

		assertThatThrownBy(() -> client().get("/users/me", Me.class)).isInstanceOfSatisfying(ApiProblemException.class, ex -> {
			assertThat(ex.getMessage()).isEqualTo("400 Bad Request");
			assertThat(ex.type()).isNull();
		});
	}

	@Test
	void aPostIsNotRetriedWhenTheServerMayHaveProcessedIt() {
		server.then(Fault.loseResponse());

		assertThatThrownBy(() -> client().post("/tokens", Map.of("name", "cli"), JsonNode.class))
			.isInstanceOf(FatalTransferException.class)
			.hasMessageStartingWith("Fatal: POST /tokens failed: connection lost")
			.hasMessageEndingWith("not retried because the server may have processed the request");
		assertThat(server.requests()).hasSize(1);
	}

	@Test
	void aPostIsRetriedWhenTheServerSaysItDidNotProcessIt() throws IOException {
		server.then(Fault.status(503));

		JsonNode token = client().post("/tokens", Map.of("name", "cli"), JsonNode.class);

		assertThat(token.get("id").stringValue()).isEqualTo("t1");
		assertThat(server.requests()).hasSize(2);
	}

	@Test
	void aPostOfAnInternalErrorIsNotRetried() {
		server.then(Fault.status(500));

		assertThatThrownBy(() -> client().post("/tokens", Map.of("name", "cli"), JsonNode.class))
			.isInstanceOf(ApiProblemException.class);
		assertThat(server.requests()).hasSize(1);
	}

	@Test
	void refusedConnectionsAreRetriedThenFatal() throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		ApiClient client = ApiClient.builder(ServerUrl.parse("http://127.0.0.1:" + port)).retryPolicy(sleeper.policy()).build();

		assertThatThrownBy(() -> client.get("/users/me", Me.class)).isInstanceOf(FatalTransferException.class)
			.hasMessageStartingWith("Fatal: GET /users/me failed after 4 attempts: could not connect");
		assertThat(sleeper.sleeps()).hasSize(3);
	}

	@Test
	void redirectsAreNotFollowed() {
		server.then(Fault.status(302, "Location", "http://elsewhere.example/steal"));

		assertThatThrownBy(() -> client().get("/users/me", Me.class)).isInstanceOf(ApiProblemException.class)
			.hasMessageContaining("redirected to http://elsewhere.example/steal");
		assertThat(server.requests()).hasSize(1);
	}

	@Test
	void refusesToSendCredentialsOverCleartextToAnotherHost() {
		ApiClient.Builder builder = ApiClient.builder(ServerUrl.parse("http://files.example.com"))
			.credentials(Credentials.bearer("sdt_x"));

		assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class).hasMessageContaining("https://");
	}

	@Test
	void sendsBasicCredentials() throws IOException {
		ApiClient client = ApiClient.builder(server.url())
			.credentials(Credentials.basic("alice", "pa:ss wörd".toCharArray()))
			.retryPolicy(sleeper.policy())
			.build();

		client.get("/users/me", Me.class);

		assertThat(server.requests().get(0).header("Authorization"))
			.isEqualTo("Basic " + java.util.Base64.getEncoder().encodeToString("alice:pa:ss wörd".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
	}

	@Test
	void deletesExpectingNoContent() throws IOException {
		server.then(Fault.status(204));

		client().delete("/tokens/t1");

		assertThat(server.requests().get(0).method()).isEqualTo("DELETE");
	}

	@Test
	void encodesUserSuppliedSegments() {
		assertThat(ApiClient.segment("abc-123_x.y~")).isEqualTo("abc-123_x.y~");
		assertThat(ApiClient.segment("../admin?x=1#y")).isEqualTo("..%2Fadmin%3Fx%3D1%23y");
		assertThat(ApiClient.segment("ä b")).isEqualTo("%C3%A4%20b");
		assertThatThrownBy(() -> ApiClient.segment("..")).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> ApiClient.segment("")).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void createdTokensHideTheSecretWhenPrinted() throws IOException {
		ApiTypes.CreatedToken token = client().post("/tokens", new ApiTypes.TokenRequest("cli"), ApiTypes.CreatedToken.class);

		assertThat(token.token()).isEqualTo("sdt_secret");
		assertThat(token.toString()).doesNotContain("sdt_secret");
	}

	@Test
	void rejectsPathsThatEscapeTheApi() {
		assertThatThrownBy(() -> client().get("/../admin", JsonNode.class)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> client().get("files", JsonNode.class)).isInstanceOf(IllegalArgumentException.class);
		assertThat(server.requests()).isEmpty();
	}

}
