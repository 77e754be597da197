package dev.sealdrop.client.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.sealdrop.client.config.ServerUrl;

/**
 * A loopback stand-in for the sealdrop server that injects faults. Each request first takes the
 * next {@link Fault} from a script (none left = {@link Fault#pass()}), then, unless the fault
 * answered already, reaches a tiny in-memory back end:
 * <ul>
 * <li>{@code POST /api/v1/files}: stores the body; an Idempotency-Key seen before returns the file
 * stored then instead of a new one (what the real server promises);</li>
 * <li>{@code GET /api/v1/files/{id}/archive}: the stored bytes with a strong ETag, Range and If-Range;</li>
 * <li>{@code GET /api/v1/users/me}, {@code POST /api/v1/tokens}: small JSON answers;</li>
 * <li>anything else: 404 problem+json.</li>
 * </ul>
 * Dropping a connection works by throwing from the handler, which makes the JDK server close the
 * socket without finishing the response.
 */
final class FaultyServer implements AutoCloseable {

	/** What to do to one request. */
	sealed interface Fault {

		static Fault pass() {
			return new Pass();
		}

		/** Answer with this status at once (the request body is read and dropped). */
		static Fault status(int status, String... headerPairs) {
			return new Status(status, headerPairs, "");
		}

		static Fault problem(int status, String type, String title, String detail) {
			String body = "{\"type\":\"" + type + "\",\"title\":\"" + title + "\",\"status\":" + status
					+ ",\"detail\":\"" + detail + "\"}";
			return new Status(status, new String[] { "Content-Type", "application/problem+json" }, body);
		}

		static Fault raw(int status, String body, String... headerPairs) {
			return new Status(status, headerPairs, body);
		}

		/** Read this many request body bytes, then close the connection without answering. */
		static Fault dropRequestAfter(int bytes) {
			return new DropRequest(bytes);
		}

		/** Let the back end handle the request fully, then close the connection without answering. */
		static Fault loseResponse() {
			return new LoseResponse();
		}

		/** Neither read the request nor answer, until the server is closed: a hung server. */
		static Fault stall() {
			return new Stall();
		}

		/** Let the back end answer, but stop sending after this many body bytes and hang. */
		static Fault stallResponseAfter(int bytes) {
			return new StallResponse(bytes);
		}

		/** Let the back end answer, but cut the connection after this many response body bytes. */
		static Fault dropResponseAfter(int bytes) {
			return new DropResponse(bytes);
		}

	}

	record Pass() implements Fault {
	}

	record Status(int status, String[] headerPairs, String body) implements Fault {
	}

	record DropRequest(int bytes) implements Fault {
	}

	record LoseResponse() implements Fault {
	}

	record DropResponse(int bytes) implements Fault {
	}

	record Stall() implements Fault {
	}

	record StallResponse(int bytes) implements Fault {
	}

	/** A request as the server saw it. */
	record Seen(String method, String path, Map<String, List<String>> headers, long bodyLength) {

		String header(String name) {
			for (Map.Entry<String, List<String>> header : headers.entrySet()) {
				if (header.getKey().equalsIgnoreCase(name)) {
					return header.getValue().get(0);
				}
			}
			return null;
		}

	}

	record StoredFile(String id, byte[] content, String etag) {
	}

	private static final Pattern ARCHIVE = Pattern.compile("/api/v1/files/([^/]+)/archive");

	private final HttpServer server;

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private final ConcurrentLinkedDeque<Fault> script = new ConcurrentLinkedDeque<>();

	private final List<Seen> seen = java.util.Collections.synchronizedList(new ArrayList<>());

	private final Map<String, StoredFile> files = new ConcurrentHashMap<>();

	private final Map<String, String> idempotency = new ConcurrentHashMap<>();

	private final java.util.concurrent.CountDownLatch closing = new java.util.concurrent.CountDownLatch(1);

	private FaultyServer(HttpServer server) {
		this.server = server;
		server.setExecutor(executor);
		server.createContext("/", this::handle);
		server.start();
	}

	static FaultyServer start() {
		return startOn(0);
	}

	static FaultyServer startOn(int port) {
		try {
			return new FaultyServer(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	FaultyServer then(Fault... faults) {
		script.addAll(List.of(faults));
		return this;
	}

	ServerUrl url() {
		return ServerUrl.parse("http://127.0.0.1:" + server.getAddress().getPort());
	}

	int port() {
		return server.getAddress().getPort();
	}

	List<Seen> requests() {
		synchronized (seen) {
			return List.copyOf(seen);
		}
	}

	Map<String, StoredFile> files() {
		return Map.copyOf(files);
	}

	/** Puts a file for downloads that is served without an ETag (so it cannot be resumed). */
	void storeWithoutEtag(String id, byte[] content) {
		files.put(id, new StoredFile(id, content, null));
	}

	/** Puts a file for downloads; returns its ETag. */
	String store(String id, byte[] content) {
		String etag = "\"" + sha256(content).substring(0, 16) + "\"";
		files.put(id, new StoredFile(id, content, etag));
		return etag;
	}

	private void hang() {
		try {
			closing.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		closing.countDown();
		server.stop(0);
		executor.shutdownNow();
	}

	private void handle(HttpExchange exchange) throws IOException {
		Fault fault = script.poll();
		if (fault == null) {
			fault = Fault.pass();
		}
		String path = exchange.getRequestURI().getPath();
		Map<String, List<String>> headers = Map.copyOf(exchange.getRequestHeaders());
		if (fault instanceof Stall) {
			seen.add(new Seen(exchange.getRequestMethod(), path, headers, -1));
			hang();
			return;
		}
		if (fault instanceof DropRequest drop) {
			long read = exchange.getRequestBody().readNBytes(drop.bytes()).length;
			seen.add(new Seen(exchange.getRequestMethod(), path, headers, read));
			throw new IllegalStateException("fault: dropping the connection mid-request");
		}
		byte[] body = exchange.getRequestBody().readAllBytes();
		seen.add(new Seen(exchange.getRequestMethod(), path, headers, body.length));
		if (fault instanceof Status status) {
			byte[] answer = status.body().getBytes(StandardCharsets.UTF_8);
			for (int i = 0; i + 1 < status.headerPairs().length; i += 2) {
				exchange.getResponseHeaders().add(status.headerPairs()[i], status.headerPairs()[i + 1]);
			}
			send(exchange, status.status(), answer);
			return;
		}
		Response response = backend(exchange, path, body);
		if (fault instanceof LoseResponse) {
			throw new IllegalStateException("fault: losing the response");
		}
		response.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
		if (fault instanceof StallResponse stall) {
			exchange.sendResponseHeaders(response.status(), response.body().length);
			OutputStream out = exchange.getResponseBody();
			out.write(response.body(), 0, Math.min(stall.bytes(), response.body().length));
			out.flush();
			hang();
			throw new IllegalStateException("fault: stalled response ends with the server");
		}
		if (fault instanceof DropResponse drop) {
			exchange.sendResponseHeaders(response.status(), response.body().length);
			OutputStream out = exchange.getResponseBody();
			out.write(response.body(), 0, Math.min(drop.bytes(), response.body().length));
			out.flush();
			throw new IllegalStateException("fault: dropping the connection mid-response");
		}
		send(exchange, response.status(), response.body());
	}

	private record Response(int status, Map<String, String> headers, byte[] body) {
	}

	private Response backend(HttpExchange exchange, String path, byte[] body) {
		String method = exchange.getRequestMethod();
		Headers request = exchange.getRequestHeaders();
		if (method.equals("POST") && path.equals("/api/v1/files")) {
			String key = request.getFirst("Idempotency-Key");
			String id = key == null ? null : idempotency.get(key);
			int status = 200;
			if (id == null) {
				id = "f" + (files.size() + 1);
				store(id, body);
				if (key != null) {
					idempotency.put(key, id);
				}
				status = 201;
			}
			StoredFile file = files.get(id);
			String json = "{\"id\":\"" + id + "\",\"name\":\"report.pdf\",\"size\":" + file.content().length
					+ ",\"sha256\":\"" + sha256(file.content()) + "\",\"chunks\":1,\"format\":1,\"createdAt\":\"2026-11-23T05:00:00Z\"}";
			return new Response(status, Map.of("Content-Type", "application/json", "Location", "/api/v1/files/" + id),
					json.getBytes(StandardCharsets.UTF_8));
		}
		Matcher archive = ARCHIVE.matcher(path);
		if (method.equals("GET") && archive.matches() && files.containsKey(archive.group(1))) {
			return ranged(files.get(archive.group(1)), request);
		}
		if (method.equals("GET") && path.equals("/api/v1/users/me")) {
			return new Response(200, Map.of("Content-Type", "application/json"),
					"{\"username\":\"alice\",\"role\":\"USER\"}".getBytes(StandardCharsets.UTF_8));
		}
		if (method.equals("POST") && path.equals("/api/v1/tokens")) {
			return new Response(201, Map.of("Content-Type", "application/json"),
					"{\"id\":\"t1\",\"name\":\"cli\",\"token\":\"sdt_secret\",\"createdAt\":\"2026-11-23T05:00:00Z\"}"
						.getBytes(StandardCharsets.UTF_8));
		}
		return new Response(404, Map.of("Content-Type", "application/problem+json"),
				"{\"type\":\"urn:sealdrop:problem:not-found\",\"title\":\"Not Found\",\"status\":404}".getBytes(StandardCharsets.UTF_8));
	}

	private static Response ranged(StoredFile file, Headers request) {
		byte[] content = file.content();
		String range = request.getFirst("Range");
		String ifRange = request.getFirst("If-Range");
		boolean useRange = range != null && (ifRange == null || ifRange.equals(file.etag()));
		if (range != null && file.etag() == null) {
			useRange = false;
		}
		if (useRange) {
			Matcher m = Pattern.compile("bytes=(\\d+)-").matcher(range);
			if (!m.matches()) {
				return new Response(400, Map.of(), new byte[0]);
			}
			int start = Integer.parseInt(m.group(1));
			if (start >= content.length) {
				return new Response(416, Map.of("Content-Range", "bytes */" + content.length), new byte[0]);
			}
			Map<String, String> headers = new java.util.HashMap<>(Map.of("Accept-Ranges", "bytes", "Content-Range",
					"bytes " + start + "-" + (content.length - 1) + "/" + content.length));
			if (file.etag() != null) {
				headers.put("ETag", file.etag());
			}
			return new Response(206, headers, java.util.Arrays.copyOfRange(content, start, content.length));
		}
		Map<String, String> headers = new java.util.HashMap<>(Map.of("Accept-Ranges", "bytes", "Content-Type", "application/zip"));
		if (file.etag() != null) {
			headers.put("ETag", file.etag());
		}
		return new Response(200, headers, content);
	}

	private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
		if (status == 204 || body.length == 0) {
			exchange.sendResponseHeaders(status, -1);
			exchange.close();
			return;
		}
		exchange.sendResponseHeaders(status, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static byte[] readAll(InputStream in) throws IOException {
		try (in) {
			return in.readAllBytes();
		}
	}

}
