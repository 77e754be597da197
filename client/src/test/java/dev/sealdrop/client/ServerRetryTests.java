package dev.sealdrop.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retries through a fault-injecting proxy in front of the real server: broken connections, 503
 * answers and lost responses are retried (with backoff), an upload retried any number of times
 * stores one file, and a download cut off mid-body resumes with Range.
 */
class ServerRetryTests {

	private static final String UPLOAD = "POST /api/v1/files";

	@TempDir
	static Path dir;

	static TestServer server;

	static FaultProxy proxy;

	static ServerUser carol;

	@BeforeAll
	static void logInThroughTheProxy() throws IOException {
		server = TestServer.get();
		proxy = new FaultProxy(server.port());
		carol = ServerUser.create(server, dir, "carol").loginAndRegister(proxy.url());
	}

	@AfterAll
	static void stopProxy() throws IOException {
		proxy.close();
	}

	byte[] content;

	@BeforeEach
	void writeFile() throws IOException {
		this.content = ServerRoundTripTests.random(2_500_000, 11);
		Files.write(carol.file("data.bin"), this.content);
	}

	@Test
	void anUploadWhoseConnectionDropsMidBodyIsRetriedAndStoredOnce() throws IOException {
		long before = files();
		proxy.script(UPLOAD, new FaultProxy.DropRequest(300_000));

		CliRun.Result result = carol.run("upload", "data.bin");

		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(files()).isEqualTo(before + 1);
		assertRoundTrip(result.out().strip());
	}

	@Test
	void theIdentityChallengeChangesNothingSoAnyServerErrorOrDropIsRetried() throws IOException {
		String challenge = "POST /api/v1/server-key/challenge";
		int before = proxy.seen(challenge).size();
		proxy.script(challenge, new FaultProxy.Status(502), new FaultProxy.LoseResponse(), new FaultProxy.Status(504));

		CliRun.Result result = carol.run("ls");

		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(proxy.seen(challenge).size() - before).isEqualTo(4);
	}

	@Test
	void aShareWhoseAnswerWasLostIsRetriedAndFoundDone() throws IOException {
		ServerUser dave = ServerUser.create(server, dir, "dave");
		String id = carol.upload("data.bin");
		String shares = "POST /api/v1/files/" + id + "/shares";
		proxy.script(shares, new FaultProxy.LoseResponse(), new FaultProxy.Status(502));

		CliRun.Result result = carol.run("share", id, dave.name);

		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(result.err()).contains("is already shared with " + dave.name);
		assertThat(proxy.seen(shares)).hasSize(3);
	}

	@Test
	void aRegistrationWhoseAnswerWasLostIsRetriedAndAdoptsTheClientTheServerMade() throws IOException {
		ServerUser erin = ServerUser.create(server, dir, "erin");
		CliRun.Result login = erin.run("login", "--server", proxy.url(), "--user", erin.name);
		assertThat(login.exitCode()).as(login.toString()).isZero();
		int before = proxy.seen("POST /api/v1/clients").size();
		proxy.script("POST /api/v1/clients", new FaultProxy.LoseResponse());

		CliRun.Result register = erin.run("register", "--name", "laptop");
		CliRun.Result clients = erin.run("clients");

		assertThat(register.exitCode()).as(register.toString()).isZero();
		assertThat(proxy.seen("POST /api/v1/clients").size() - before).isEqualTo(2);
		String clientId = register.out().strip();
		// one client on the server, and it is the one this computer saved
		assertThat(clients.out().lines().filter((line) -> line.contains("laptop"))).hasSize(1);
		assertThat(clients.out()).contains(clientId);
		assertThat(Files.readString(erin.configDir().resolve("config.json"))).contains(clientId);
	}

	@Test
	void a503IsRetriedThenSucceeds() throws IOException {
		long before = files();
		proxy.script(UPLOAD, new FaultProxy.Status(503));

		CliRun.Result result = carol.run("upload", "data.bin");

		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(files()).isEqualTo(before + 1);
	}

	@Test
	void aLostResponseIsRetriedWithTheSameIdempotencyKeyAndStoresNoDuplicate() throws IOException {
		// Small enough to be sent whole before the server answers a repeated key (see the test below).
		this.content = ServerRoundTripTests.random(64 * 1024, 12);
		Files.write(carol.file("data.bin"), this.content);
		long before = files();
		int seenBefore = proxy.seen(UPLOAD).size();
		proxy.script(UPLOAD, new FaultProxy.LoseResponse(), new FaultProxy.LoseResponse());

		CliRun.Result result = carol.run("upload", "data.bin");

		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(files()).isEqualTo(before + 1);
		List<FaultProxy.Seen> attempts = proxy.seen(UPLOAD).subList(seenBefore, proxy.seen(UPLOAD).size());
		assertThat(attempts).hasSize(3);
		assertThat(attempts).extracting((seen) -> seen.header("Idempotency-Key")).doesNotContainNull().containsOnly(
				attempts.get(0).header("Idempotency-Key"));
		assertRoundTrip(result.out().strip());
	}

	@Test
	void aLostResponseOfALargeUploadIsRetriedAndStoresNoDuplicate() throws IOException {
		long before = files();
		proxy.script(UPLOAD, new FaultProxy.LoseResponse());

		CliRun.Result result = carol.run("upload", "data.bin");

		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(files()).isEqualTo(before + 1);
	}

	@Test
	void threeFailuresAreRetriedAndTheFourthAttemptSucceeds() throws IOException {
		long before = files();
		proxy.script(UPLOAD, new FaultProxy.Status(503), new FaultProxy.DropRequest(1000), new FaultProxy.Status(502));

		CliRun.Result result = carol.run("upload", "data.bin");

		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(files()).isEqualTo(before + 1);
	}

	@Test
	void fourFailuresInARowAreFatal() throws IOException {
		long before = files();
		proxy.script(UPLOAD, new FaultProxy.Status(503), new FaultProxy.Status(503), new FaultProxy.Status(503),
				new FaultProxy.Status(503));

		CliRun.Result result = carol.run("upload", "data.bin");

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.SERVER_UNREACHABLE.code());
		assertThat(result.err()).startsWith(
				"sealdrop: upload: Fatal: upload of data.bin failed after 4 attempts: 503 Service Unavailable");
		assertThat(files()).isEqualTo(before);
	}

	@Test
	void aStandardInputUploadIsNotRetriedOnceSendingBegan() throws IOException {
		long before = files();
		proxy.script(UPLOAD, new FaultProxy.DropRequest(300_000));

		CliRun.Result result = carol.cli().stdin(this.content).run("upload", "--name", "s.bin", "-");

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.SERVER_UNREACHABLE.code());
		assertThat(result.err()).contains("Fatal: ").contains("standard input");
		assertThat(files()).isEqualTo(before);
	}

	@Test
	void anUploadWhoseDigestTheServerReportsDifferentlyFailsLoudly() {
		proxy.script(UPLOAD, new FaultProxy.ForgeSha256());

		CliRun.Result result = carol.run("upload", "data.bin");

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.INTEGRITY_FAILURE.code());
		assertThat(result.err()).contains("with SHA-256 " + "0".repeat(64)).contains("but sealdrop sent SHA-256 ")
			.contains("hint: the stored file is not what was sent: delete it (sealdrop rm ");
		assertThat(result.out()).isEmpty();
	}

	@Test
	void aDownloadCutOffMidBodyResumesWithRange() throws IOException {
		String id = carol.upload("data.bin");
		String archive = "GET /api/v1/files/" + id + "/archive";
		proxy.script(archive, new FaultProxy.DropResponse(1_000_000));

		CliRun.Result result = carol.run("download", id, "-o", "resumed.bin");

		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(Files.readAllBytes(carol.file("resumed.bin"))).isEqualTo(this.content);
		List<FaultProxy.Seen> requests = proxy.seen(archive);
		assertThat(requests).hasSize(2);
		assertThat(requests.get(1).header("Range")).startsWith("bytes=");
		assertThat(requests.get(1).header("If-Range")).isNotBlank();
	}

	@Test
	void aDownloadInterruptedInAnEarlierRunContinuesFromThePartialArchive() throws IOException {
		String id = carol.upload("data.bin");
		String archive = "GET /api/v1/files/" + id + "/archive";
		// Cut after some bytes, then every reconnect fails without progress: the command gives up,
		// keeping what arrived. (More faults than attempts: the JDK may retry a GET once by itself.)
		FaultProxy.Fault nothing = new FaultProxy.DropResponse(0);
		proxy.script(archive, new FaultProxy.DropResponse(700_000), nothing, nothing, nothing, nothing, nothing, nothing,
				nothing, nothing);
		CliRun.Result failed = carol.run("download", id, "-o", "later.bin");
		proxy.clear();
		assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(ExitCode.SERVER_UNREACHABLE.code());
		assertThat(failed.err()).contains("run the same command again");
		assertThat(carol.file("later.bin")).doesNotExist();
		int before = proxy.seen(archive).size();

		CliRun.Result resumed = carol.run("download", id, "-o", "later.bin");

		assertThat(resumed.exitCode()).as(resumed.toString()).isZero();
		assertThat(Files.readAllBytes(carol.file("later.bin"))).isEqualTo(this.content);
		assertThat(proxy.seen(archive).get(before).header("Range")).startsWith("bytes=").isNotEqualTo("bytes=0-");
		try (var partial = Files.list(carol.configDir().resolve("partial"))) {
			assertThat(partial).isEmpty();
		}
	}

	@Test
	void anUnreachableServerIsFatalAfterRetries() throws IOException {
		int closedPort;
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		ServerUser nobody = ServerUser.create(server, dir, "dave");

		CliRun.Result result = nobody.run("login", "--server", "http://127.0.0.1:" + closedPort, "--user", nobody.name);

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.SERVER_UNREACHABLE.code());
		assertThat(result.err()).contains("Fatal: GET /server-key failed after 4 attempts: could not connect")
			.contains("hint: is the server running");
	}

	private void assertRoundTrip(String id) throws IOException {
		Path out = carol.file("check-" + id);
		CliRun.Result download = carol.run("download", id, "-o", out.toString());
		assertThat(download.exitCode()).as(download.toString()).isZero();
		assertThat(Files.readAllBytes(out)).isEqualTo(this.content);
	}

	private long files() {
		return server.fileCount(carol.name, carol.password);
	}

}
