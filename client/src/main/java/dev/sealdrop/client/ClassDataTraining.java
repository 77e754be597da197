package dev.sealdrop.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sealdrop.client.config.ServerUrl;
import dev.sealdrop.client.net.ApiClient;
import dev.sealdrop.client.net.DownloadStream;
import dev.sealdrop.client.net.RetryPolicy;
import tools.jackson.databind.JsonNode;

/**
 * What the {@code sealdrop} launcher runs once, under {@code -XX:ArchiveClassesAtExit}, to record the
 * classes a command loads in a class-data sharing archive: the offline commands on a small file in a
 * private temporary directory, and an upload, a JSON call and a download over loopback HTTP to a
 * server of its own. It reads and writes nothing of the user's, sends nothing off the machine and
 * prints nothing; the exit status says whether it ran through (the launcher installs the archive
 * only then).
 */
public final class ClassDataTraining {

	// enough for several body pieces; more would only run the interpreter longer (classes are the point, not JIT)
	private static final int SIZE = 200 * 1024 + 17;

	/** The launcher waits for the training before the user's command runs: it must never hang. */
	private static final long TIME_LIMIT_MILLIS = 60_000;

	private ClassDataTraining() {
	}

	public static void main(String[] args) {
		Main.useLargeHttpBuffers();
		Thread limit = new Thread(() -> {
			try {
				Thread.sleep(TIME_LIMIT_MILLIS);
				System.exit(2);
			}
			catch (InterruptedException ex) {
				// the training ended in time
			}
		}, "sealdrop-training-limit");
		limit.setDaemon(true);
		limit.start();
		int status;
		try {
			run();
			status = 0;
		}
		catch (Exception | LinkageError ex) {
			status = 1;
		}
		System.exit(status);
	}

	static void run() throws Exception {
		Path dir = Files.createTempDirectory("sealdrop-training-",
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
		try {
			offline(dir);
			overHttp();
		}
		finally {
			try (Stream<Path> files = Files.walk(dir)) {
				for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
					Files.deleteIfExists(file);
				}
			}
		}
	}

	private static void offline(Path dir) throws IOException {
		byte[] data = new byte[SIZE];
		new java.util.Random(1).nextBytes(data);
		Files.write(dir.resolve("input.bin"), data);
		Io io = new Io(InputStream.nullInputStream(), OutputStream.nullOutputStream(), silent(), silent(), Map.of(), dir,
				UserTerminal.none());
		command(io, "--help");
		command(io, "keygen", "--quiet", "-o", "key.pem");
		command(io, "encrypt", "--quiet", "-r", "key.pub.pem", "-o", "input.zip", "input.bin");
		command(io, "inspect", "input.zip");
		command(io, "decrypt", "--quiet", "-i", "key.pem", "-o", "output.bin", "input.zip");
		if (!java.util.Arrays.equals(data, Files.readAllBytes(dir.resolve("output.bin")))) {
			throw new IOException("round trip differs");
		}
	}

	private static void command(Io io, String... args) throws IOException {
		int status = Main.newCommandLine(io).execute(args);
		if (status != 0) {
			throw new IOException("sealdrop " + String.join(" ", args) + " exited with " + status);
		}
	}

	// A loopback server that answers the calls below, so the HTTP client's classes load as in a transfer.
	private static void overHttp() throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		byte[] blob = new byte[SIZE];
		server.createContext("/api/v1/", (exchange) -> answer(exchange, blob));
		server.start();
		try {
			ApiClient api = ApiClient.builder(ServerUrl.parse("http://127.0.0.1:" + server.getAddress().getPort()))
				.retryPolicy(RetryPolicy.none())
				.connectTimeout(Duration.ofSeconds(5))
				.requestTimeout(Duration.ofSeconds(10))
				.idleTimeout(Duration.ofSeconds(10))
				.build();
			api.get("/info", JsonNode.class);
			api.upload("/files", "training", (out) -> out.write(blob), ApiClient.newIdempotencyKey(), JsonNode.class);
			try (DownloadStream in = api.download("/blob", "training")) {
				in.transferTo(OutputStream.nullOutputStream());
			}
		}
		finally {
			server.stop(0);
		}
	}

	private static void answer(HttpExchange exchange, byte[] blob) throws IOException {
		try (exchange) {
			exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
			if (exchange.getRequestURI().getPath().endsWith("/blob")) {
				exchange.getResponseHeaders().set("ETag", "\"training\"");
				exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
				exchange.sendResponseHeaders(200, blob.length);
				exchange.getResponseBody().write(blob);
				return;
			}
			byte[] json = "{\"id\":\"training\"}".getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, json.length);
			exchange.getResponseBody().write(json);
		}
	}

	private static PrintWriter silent() {
		return new PrintWriter(Writer.nullWriter());
	}

}
