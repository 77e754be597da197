package dev.sealdrop.client.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.sealdrop.client.net.FaultyServer.Fault;
import tools.jackson.databind.JsonNode;

class UploadTests {

	private final FaultyServer server = FaultyServer.start();

	private final RecordingSleeper sleeper = new RecordingSleeper();

	private final byte[] content = randomBytes(300_000);

	private final AtomicInteger producerRuns = new AtomicInteger();

	@AfterEach
	void stop() {
		server.close();
	}

	private ApiClient client() {
		return ApiClient.builder(server.url()).credentials(Credentials.bearer("sdt_test")).retryPolicy(sleeper.policy()).build();
	}

	private BodySupplier fileBody() {
		return out -> {
			producerRuns.incrementAndGet();
			try (InputStream in = new ByteArrayInputStream(content)) {
				in.transferTo(out);
			}
		};
	}

	private JsonNode upload(BodySupplier body, String key) throws IOException {
		return client().upload("/files", "report.pdf", body, key, JsonNode.class);
	}

	@Test
	void streamsTheBodyAsChunkedZipWithTheIdempotencyKey() throws IOException {
		JsonNode result = upload(fileBody(), "key-1");

		assertThat(result.get("sha256").stringValue()).isEqualTo(FaultyServer.sha256(content));
		FaultyServer.Seen request = server.requests().get(0);
		assertThat(request.header("Content-Type")).isEqualTo("application/zip");
		assertThat(request.header("Idempotency-Key")).isEqualTo("key-1");
		assertThat(request.header("Transfer-Encoding")).isEqualTo("chunked");
		assertThat(request.header("Authorization")).isEqualTo("Bearer sdt_test");
		assertThat(server.files()).hasSize(1);
	}

	@Test
	void mapsTheAnswerToFileInfo() throws IOException {
		ApiTypes.FileInfo file = client().upload("/files", "report.pdf", fileBody(), "key-0", ApiTypes.FileInfo.class);

		assertThat(file.id()).isEqualTo("f1");
		assertThat(file.size()).isEqualTo(content.length);
		assertThat(file.sha256()).isEqualTo(FaultyServer.sha256(content));
		assertThat(file.createdAt()).isEqualTo(java.time.Instant.parse("2026-11-23T05:00:00Z"));
	}

	@Test
	void connectionDroppedMidBodyIsRetriedFromScratchWithTheSameKey() throws IOException {
		server.then(Fault.dropRequestAfter(100_000));

		JsonNode result = upload(fileBody(), "key-2");

		assertThat(result.get("sha256").stringValue()).isEqualTo(FaultyServer.sha256(content));
		assertThat(server.requests()).hasSize(2);
		assertThat(server.requests()).extracting(r -> r.header("Idempotency-Key")).containsOnly("key-2");
		assertThat(producerRuns).hasValue(2);
		assertThat(sleeper.sleeps()).hasSize(1);
		assertThat(server.files()).hasSize(1);
	}

	@Test
	void lostResponseRetriedWithTheSameKeyCreatesNoDuplicate() throws IOException {
		server.then(Fault.loseResponse(), Fault.loseResponse());

		JsonNode result = upload(fileBody(), "key-3");

		assertThat(server.requests()).hasSize(3);
		assertThat(server.requests()).extracting(r -> r.header("Idempotency-Key")).containsOnly("key-3");
		assertThat(server.files()).hasSize(1);
		assertThat(result.get("id").stringValue()).isEqualTo("f1");
	}

	@Test
	void aHungServerIsGivenUpAfterTheIdleTimeoutAndRetried() throws IOException {
		server.then(Fault.stall());
		ApiClient client = ApiClient.builder(server.url())
			.retryPolicy(sleeper.policy())
			.idleTimeout(java.time.Duration.ofMillis(300))
			.build();

		JsonNode result = client.upload("/files", "report.pdf", fileBody(), "key-11", JsonNode.class);

		assertThat(result.get("sha256").stringValue()).isEqualTo(FaultyServer.sha256(content));
		assertThat(server.requests()).hasSize(2);
		assertThat(sleeper.sleeps()).hasSize(1);
	}

	@Test
	void serviceUnavailableThenSuccess() throws IOException {
		server.then(Fault.status(503));

		JsonNode result = upload(fileBody(), "key-4");

		assertThat(result.get("id").stringValue()).isEqualTo("f1");
		assertThat(server.requests()).hasSize(2);
	}

	@Test
	void fourFailuresEndInFatalNamingTheFileAndAttempts() {
		server.then(Fault.status(503), Fault.status(503), Fault.status(503), Fault.status(503));

		assertThatThrownBy(() -> upload(fileBody(), "key-5")).isInstanceOf(FatalTransferException.class)
			.hasMessage("Fatal: upload of report.pdf failed after 4 attempts: 503 Service Unavailable")
			.satisfies(ex -> assertThat(((FatalTransferException) ex).attempts()).isEqualTo(4))
			.hasCauseInstanceOf(ApiProblemException.class);
		assertThat(server.requests()).hasSize(4);
		assertThat(sleeper.sleeps()).hasSize(3);
		assertThat(server.files()).isEmpty();
	}

	@Test
	void clientErrorIsNotRetried() {
		server.then(Fault.problem(413, "urn:sealdrop:problem:too-large", "Payload too large", "limit is 1 GiB"));

		assertThatThrownBy(() -> upload(fileBody(), "key-6")).isInstanceOf(ApiProblemException.class)
			.hasMessage("413 Content Too Large: Payload too large - limit is 1 GiB");
		assertThat(server.requests()).hasSize(1);
		assertThat(sleeper.sleeps()).isEmpty();
	}

	@Test
	void failureOfTheBodyProducerIsRethrownAndNotRetried() {
		IOException diskError = new IOException("disk read error");
		BodySupplier failing = out -> {
			producerRuns.incrementAndGet();
			out.write(content, 0, 200_000);
			throw diskError;
		};

		assertThatThrownBy(() -> upload(failing, "key-7")).isSameAs(diskError);
		assertThat(producerRuns).hasValue(1);
		// The request may or may not have reached the server; a complete body never did.
		// (BodyPipeTests pins down deterministically that a failed supplier never ends the body.)
		assertThat(server.requests()).isEmpty();
		assertThat(server.files()).isEmpty();
	}

	@Test
	void producerThatClosesItsStreamAfterFailingDoesNotCompleteTheUpload() {
		BodySupplier failing = out -> {
			try (out) {
				out.write(content, 0, 1000);
				throw new IllegalStateException("encryption failed");
			}
		};

		assertThatThrownBy(() -> upload(failing, "key-8")).isInstanceOf(IllegalStateException.class)
			.hasMessage("encryption failed");
		// The request may or may not have reached the server; a complete body never did.
		// (BodyPipeTests pins down deterministically that a failed supplier never ends the body.)
		assertThat(server.requests()).isEmpty();
		assertThat(server.files()).isEmpty();
	}

	@Test
	void oneShotBodyIsNotRetriedOnceStarted() {
		server.then(Fault.dropRequestAfter(1000));

		assertThatThrownBy(() -> upload(BodySupplier.once(fileBody()), "key-9")).isInstanceOf(FatalTransferException.class)
			.hasMessageStartingWith("Fatal: upload of report.pdf failed: connection lost")
			.hasMessageEndingWith("the input can be read only once (standard input), so the upload was not retried");
		assertThat(producerRuns).hasValue(1);
		assertThat(server.requests()).hasSize(1);
	}

	@Test
	void oneShotBodyIsRetriedWhenTheConnectionCouldNotBeOpened() throws IOException {
		int port = server.port();
		server.close();
		FaultyServer[] restarted = new FaultyServer[1];
		sleeper.onSleep(() -> restarted[0] = FaultyServer.startOn(port));
		try {
			JsonNode result = upload(BodySupplier.once(fileBody()), "key-10");

			assertThat(result.get("sha256").stringValue()).isEqualTo(FaultyServer.sha256(content));
			assertThat(producerRuns).hasValue(1);
			assertThat(restarted[0].files()).hasSize(1);
		}
		finally {
			if (restarted[0] != null) {
				restarted[0].close();
			}
		}
	}

	@Test
	void rejectsAnIdempotencyKeyThatCannotBeAHeader() {
		assertThatThrownBy(() -> upload(fileBody(), "bad key\r\nX: y")).isInstanceOf(IllegalArgumentException.class);
		assertThat(server.requests()).isEmpty();
	}

	@Test
	void idempotencyKeysAreFreshPerUpload() {
		assertThat(List.of(ApiClient.newIdempotencyKey(), ApiClient.newIdempotencyKey())).doesNotHaveDuplicates();
	}

	static byte[] randomBytes(int n) {
		byte[] bytes = new byte[n];
		new Random(n).nextBytes(bytes);
		return bytes;
	}

}
