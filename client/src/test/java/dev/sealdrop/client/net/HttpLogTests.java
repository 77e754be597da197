package dev.sealdrop.client.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.sealdrop.client.net.FaultyServer.Fault;
import tools.jackson.databind.JsonNode;

class HttpLogTests {

	private final FaultyServer server = FaultyServer.start();

	private final StringWriter output = new StringWriter();

	private final RecordingSleeper sleeper = new RecordingSleeper();

	@AfterEach
	void stop() {
		server.close();
	}

	private ApiClient client(Credentials credentials) {
		return ApiClient.builder(server.url())
			.credentials(credentials)
			.retryPolicy(sleeper.policy())
			.log(HttpLog.printingTo(new PrintWriter(output)))
			.build();
	}

	@Test
	void showsTheExchangeWithTheBearerTokenRedacted() throws IOException {
		client(Credentials.bearer("sdt_very_secret")).get("/users/me", JsonNode.class);

		assertThat(output.toString()).contains("> GET " + server.url() + "/api/v1/users/me HTTP/1.1")
			.contains("> Authorization: Bearer ***")
			.contains("< HTTP/1.1 200 OK")
			.contains("< content-type: application/json")
			.doesNotContain("sdt_very_secret");
	}

	@Test
	void redactsBasicCredentials() throws IOException {
		client(Credentials.basic("alice", "hunter2".toCharArray())).get("/users/me", JsonNode.class);

		assertThat(output.toString()).contains("> Authorization: Basic ***")
			.doesNotContain("hunter2")
			.doesNotContain(java.util.Base64.getEncoder().encodeToString("alice:hunter2".getBytes()));
	}

	@Test
	void tokensInResponseBodiesAreNeverLogged() throws IOException {
		client(Credentials.basic("alice", "pw".toCharArray())).post("/tokens", Map.of("name", "cli"), JsonNode.class);

		assertThat(output.toString()).contains("< HTTP/1.1 201 Created").doesNotContain("sdt_secret");
	}

	@Test
	void notesRetries() throws IOException {
		server.then(Fault.status(503));

		client(Credentials.none()).get("/users/me", JsonNode.class);

		assertThat(output.toString()).contains("* GET /users/me: attempt 1 of 4 failed (503 Service Unavailable); retrying in ");
	}

	@Test
	void redactsCookiesAndKeepsOtherHeaders() {
		Map<String, List<String>> redacted = Redaction.headers(Map.of("Set-Cookie", List.of("session=abc"), "Proxy-Authorization",
				List.of("Basic YWxpY2U6cHc="), "Idempotency-Key", List.of("k1")));

		assertThat(redacted).containsEntry("Set-Cookie", List.of("***"))
			.containsEntry("Proxy-Authorization", List.of("Basic ***"))
			.containsEntry("Idempotency-Key", List.of("k1"));
	}

	@Test
	void replacesControlCharactersFromTheServer() {
		HttpLog.printingTo(new PrintWriter(output))
			.response(200, URI.create("http://127.0.0.1/"), Map.of("X-Evil", List.of("a\u001b]0;pwned\u0007b")));

		assertThat(output.toString()).contains("< X-Evil: a?]0;pwned?b").doesNotContain("\u001b");
	}

}
