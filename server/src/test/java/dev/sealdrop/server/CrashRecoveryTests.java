package dev.sealdrop.server;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sealdrop.format.Recipient;
import dev.sealdrop.server.upload.TestArchives;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills the real server (SIGKILL) while uploads are streaming in, restarts it on the same data
 * directory and checks that storage is consistent: every listed file is complete (blob length =
 * plaintext + 16 bytes per chunk), no orphan blob or temporary file is left, no row lacks its blob.
 */
class CrashRecoveryTests {

	private static final String ADMIN_PASSWORD = "crash test admin password";

	private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

	@TempDir
	Path work;

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(10))
		.build();

	private final JsonMapper json = JsonMapper.builder().build();

	private final CountDownLatch never = new CountDownLatch(1);

	private Process server;

	private int port;

	@AfterEach
	void stop() throws InterruptedException {
		this.never.countDown();
		if (this.server != null && this.server.isAlive()) {
			this.server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
		}
	}

	@Test
	void killedMidUploadRestartsConsistent() throws Exception {
		Path data = this.work.resolve("data");
		start(data, this.work.resolve("first.log"));
		Recipient key = Recipient.fromPem(get("/api/v1/server-key.pem").body());

		List<String> complete = new ArrayList<>();
		complete.add(uploadComplete(key, 0));

		for (int i = 0; i < 3; i++) {
			byte[] archive = TestArchives.v1(key, "in-flight-" + i, TestArchives.content(2_000_000, 10 + i), 64 * 1024);
			startSlowUpload(archive, archive.length / 2);
		}
		Path blobTmp = data.resolve("blobs/.tmp");
		awaitFiles(blobTmp, 3);
		// acknowledged just before the kill: a 201 must mean the file survives
		complete.add(uploadComplete(key, 1));

		this.server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
		// the crash left partial blobs behind (otherwise this test would prove nothing)
		assertThat(filesUnder(blobTmp)).hasSizeGreaterThanOrEqualTo(3);
		// and the window between "blob renamed into place" and "row committed", simulated
		Path orphan = data.resolve("blobs/ab/abcdef00-0000-4000-8000-000000000000");
		Files.createDirectories(orphan.getParent());
		Files.write(orphan, new byte[] { 1, 2, 3 });
		Files.write(data.resolve("tmp/spool/format0-leftover.zip"), new byte[] { 4 });

		Path secondLog = this.work.resolve("second.log");
		start(data, secondLog);

		JsonNode page = this.json.readTree(get("/api/v1/files?size=100").body());
		Set<String> listed = new HashSet<>();
		for (JsonNode file : page.get("items")) {
			String id = file.get("id").asString();
			listed.add(id);
			Path blob = data.resolve("blobs").resolve(id.substring(0, 2)).resolve(id);
			assertThat(blob).as("blob of listed file " + id).exists();
			assertThat(Files.size(blob)).as("blob length of " + id)
				.isEqualTo(file.get("size").asLong() + 16 * file.get("chunks").asLong());
		}
		assertThat(listed).containsExactlyInAnyOrderElementsOf(complete);
		assertThat(blobIds(data.resolve("blobs"))).as("no orphan blobs").containsExactlyInAnyOrderElementsOf(listed);
		assertThat(filesUnder(blobTmp)).as("no temporary blobs").isEmpty();
		assertThat(filesUnder(data.resolve("tmp"))).as("no temporary files").isEmpty();
		assertThat(Files.readString(secondLog)).contains("Storage recovery: deleted");

		// and the restarted server still takes uploads for the same key
		HttpResponse<String> after = upload(TestArchives.v1(key, "after", TestArchives.content(1000, 99), 64 * 1024));
		assertThat(after.statusCode()).as(after.body()).isEqualTo(201);
	}

	private String uploadComplete(Recipient key, int i) throws Exception {
		HttpResponse<String> created = upload(
				TestArchives.v1(key, "done-" + i, TestArchives.content(300_000 + i, i), 64 * 1024));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		return this.json.readTree(created.body()).get("id").asString();
	}

	private void start(Path data, Path log) throws Exception {
		this.port = freePort();
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		this.server = new ProcessBuilder(java, "-Xmx384m", "-XX:TieredStopAtLevel=1", "-cp",
				System.getProperty("java.class.path"), SealdropServerApplication.class.getName(),
				"--server.port=" + this.port, "--sealdrop.data-dir=" + data, "--sealdrop.admin.password=" + ADMIN_PASSWORD,
				"--sealdrop.upload.max-concurrent-per-user=10")
			.directory(this.work.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			assertThat(this.server.isAlive()).as("server process exited; log:\n" + tail(log)).isTrue();
			try {
				if (get("/api/v1/server-key").statusCode() == 200) {
					return;
				}
			}
			catch (IOException notYet) {
				// not listening yet
			}
			Thread.sleep(250);
		}
		throw new AssertionError("server did not start in " + START_TIMEOUT + "; log:\n" + tail(log));
	}

	private void startSlowUpload(byte[] archive, int sendBeforeStall) {
		InputStream stalling = new InputStream() {

			private int position;

			@Override
			public int read() throws IOException {
				byte[] one = new byte[1];
				return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
			}

			@Override
			public int read(byte[] b, int off, int len) throws IOException {
				if (this.position >= sendBeforeStall) {
					try {
						// mid-flight until the server is killed and the test ends
						CrashRecoveryTests.this.never.await();
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
					throw new IOException("test over");
				}
				int n = Math.min(Math.min(len, 8192), sendBeforeStall - this.position);
				System.arraycopy(archive, this.position, b, off, n);
				this.position += n;
				return n;
			}

		};
		this.http.sendAsync(request("/api/v1/files").header("Content-Type", "application/zip")
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> stalling))
			.build(), HttpResponse.BodyHandlers.discarding());
	}

	private HttpResponse<String> upload(byte[] archive) throws Exception {
		return this.http.send(request("/api/v1/files").header("Content-Type", "application/zip")
			.POST(HttpRequest.BodyPublishers.ofByteArray(archive))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(request(path).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Authorization", "Basic " + Base64.getEncoder()
				.encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)));
	}

	private static void awaitFiles(Path dir, int count) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
		while (System.nanoTime() < deadline) {
			if (Files.isDirectory(dir) && filesUnder(dir).stream().filter(CrashRecoveryTests::nonEmpty).count() >= count) {
				return;
			}
			Thread.sleep(100);
		}
		throw new AssertionError("uploads did not start writing blobs: " + filesUnder(dir));
	}

	private static boolean nonEmpty(Path file) {
		try {
			return Files.size(file) > 0;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static List<Path> filesUnder(Path dir) throws IOException {
		if (!Files.isDirectory(dir)) {
			return List.of();
		}
		try (Stream<Path> files = Files.walk(dir)) {
			return files.filter(Files::isRegularFile).toList();
		}
	}

	private static Set<String> blobIds(Path blobs) throws IOException {
		Set<String> ids = new HashSet<>();
		try (Stream<Path> shards = Files.list(blobs)) {
			for (Path shard : shards.filter(p -> !p.getFileName().toString().equals(".tmp")).toList()) {
				try (Stream<Path> files = Files.list(shard)) {
					files.forEach(f -> ids.add(f.getFileName().toString()));
				}
			}
		}
		return ids;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static String tail(Path log) {
		try {
			List<String> lines = Files.readAllLines(log);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
		}
		catch (IOException ex) {
			return "(no log)";
		}
	}

}
