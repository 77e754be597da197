package dev.sealdrop.client;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * One real sealdrop server for all end-to-end tests of this JVM: {@code java -jar sealdrop-server.jar}
 * as a separate process on a free port with a temporary data directory, started on first use and
 * stopped by a shutdown hook. The jar comes from the system property {@code sealdrop.server.jar}
 * (set by the client pom to the server module's build output).
 */
final class TestServer {

	static final String ADMIN = "admin";

	static final String ADMIN_PASSWORD = "admin-password-for-tests";

	/** Largest upload the test server accepts, so the "too large" test needs only a few MiB. */
	static final long MAX_ARCHIVE_BYTES = 24L << 20;

	private static TestServer shared;

	private static AssertionError failure;

	private final Process process;

	private final int port;

	private final Path dataDir;

	private final Path log;

	private TestServer(Process process, int port, Path dataDir, Path log) {
		this.process = process;
		this.port = port;
		this.dataDir = dataDir;
		this.log = log;
	}

	/** The shared server, started if needed. */
	static synchronized TestServer get() {
		if (failure != null) {
			throw failure;
		}
		if (shared == null) {
			try {
				shared = start();
				shared.checkPublishesKeyStatements();
			}
			catch (AssertionError ex) {
				// Reported once per test class, without starting another server each time.
				failure = ex;
				throw ex;
			}
		}
		return shared;
	}

	// The CLI never encrypts to an unverified key; without a statement every server test would fail alike.
	private void checkPublishesKeyStatements() {
		HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url() + "/api/v1/server-key")).build());
		if (response.statusCode() != 200 || !response.body().contains("\"statement\"")
				|| !response.body().contains("\"certificateChain\"")) {
			fail("the server does not publish certificateChain and statement in GET /api/v1/server-key (API contract, "
					+ "issue 4; PROTOCOL.md 1.5), so sealdrop refuses to encrypt to its key: " + response.statusCode() + " "
					+ response.body().substring(0, Math.min(300, response.body().length())));
		}
	}

	String url() {
		return "http://127.0.0.1:" + this.port;
	}

	int port() {
		return this.port;
	}

	Path dataDir() {
		return this.dataDir;
	}

	/** Creates a user through the admin API. */
	void createUser(String username, String password) {
		String body = "{\"username\":\"" + username + "\",\"password\":\"" + password + "\",\"admin\":false}";
		HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url() + "/api/v1/users"))
			.header("Authorization", basic(ADMIN, ADMIN_PASSWORD))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build());
		if (response.statusCode() != 201) {
			fail("creating user " + username + ": HTTP " + response.statusCode() + " " + response.body());
		}
	}

	/** Number of files stored for {@code username} (as that user sees them). */
	long fileCount(String username, String password) {
		HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url() + "/api/v1/files?size=1"))
			.header("Authorization", basic(username, password))
			.GET()
			.build());
		String body = response.body();
		int at = body.indexOf("\"totalItems\":");
		if (response.statusCode() != 200 || at < 0) {
			fail("listing files: HTTP " + response.statusCode() + " " + body);
		}
		String rest = body.substring(at + "\"totalItems\":".length());
		return Long.parseLong(rest.replaceAll("^(\\d+).*$", "$1").trim().split("[^0-9]")[0]);
	}

	static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	private static HttpResponse<String> send(HttpRequest request) {
		try {
			return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static TestServer start() {
		String jarProperty = System.getProperty("sealdrop.server.jar");
		Path jar = (jarProperty != null) ? Path.of(jarProperty) : Path.of("../server/target/sealdrop-server.jar");
		if (!Files.isRegularFile(jar)) {
			fail("the end-to-end tests need the server jar " + jar.toAbsolutePath().normalize()
					+ ": build the server first: mvn -pl server -am package -DskipTests");
		}
		try {
			Path dataDir = Files.createTempDirectory("sealdrop-test-server-");
			Path log = dataDir.resolveSibling(dataDir.getFileName() + ".log");
			int port = freePort();
			Path java = Path.of(System.getProperty("java.home"), "bin", "java");
			ProcessBuilder builder = new ProcessBuilder(java.toString(), "-XX:TieredStopAtLevel=1", "-Xshare:auto",
					"-jar", jar.toAbsolutePath().toString(), "--server.port=" + port, "--server.address=127.0.0.1",
					"--sealdrop.data-dir=" + dataDir.resolve("data"),
					"--sealdrop.upload.max-archive-size=" + MAX_ARCHIVE_BYTES + "B",
					"--sealdrop.upload.max-concurrent-per-user=8",
					"--sealdrop.security.login-throttle.max-failures-per-username=1000",
					"--sealdrop.security.login-throttle.max-failures-per-address=1000",
					// every command asks for a challenge, and the whole suite comes from 127.0.0.1
					"--sealdrop.identity.challenges-per-minute=0",
					"--logging.level.root=WARN");
			builder.environment().put("SEALDROP_ADMIN_PASSWORD", ADMIN_PASSWORD);
			builder.redirectErrorStream(true).redirectOutput(log.toFile());
			Process process = builder.start();
			TestServer server = new TestServer(process, port, dataDir, log);
			Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "sealdrop-test-server-stop"));
			server.awaitHealthy(Duration.ofSeconds(150));
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot start the test server", ex);
		}
	}

	private void awaitHealthy(Duration timeout) {
		Instant deadline = Instant.now().plus(timeout);
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		while (Instant.now().isBefore(deadline)) {
			if (!this.process.isAlive()) {
				fail("the test server exited with " + this.process.exitValue() + "; its log:\n" + tail());
			}
			try {
				HttpResponse<String> response = http.send(
						HttpRequest.newBuilder(URI.create(url() + "/actuator/health")).timeout(Duration.ofSeconds(5)).build(),
						HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() == 200 && response.body().contains("UP")) {
					return;
				}
			}
			catch (IOException ex) {
				// Not listening yet.
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			try {
				Thread.sleep(250);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
		stop();
		fail("the test server did not become healthy within " + timeout.toSeconds() + " s; its log:\n" + tail());
	}

	private String tail() {
		try {
			List<String> lines = Files.readAllLines(this.log);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	private void stop() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
		}
		try (Stream<Path> files = Files.walk(this.dataDir)) {
			files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
			Files.deleteIfExists(this.log);
		}
		catch (IOException ex) {
			// Temporary directory; the OS cleans it eventually.
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
