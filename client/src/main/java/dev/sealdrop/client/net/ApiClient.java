package dev.sealdrop.client.net;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

import javax.net.ssl.SSLContext;

import dev.sealdrop.client.config.ServerUrl;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client for the sealdrop HTTP API v1 ({@code <server>/api/v1}): JSON calls, streamed uploads
 * and resumable downloads, each retried under the {@link RetryPolicy} (see {@link Retrier} for which
 * failures are retried: connection failures, timeouts, 5xx and 429, never other 4xx). Error
 * statuses become {@link ApiProblemException}s; exhausted retries a {@link FatalTransferException}.
 *
 * <p>Paths are API-relative and already percent-encoded, e.g. {@code "/files/" + id}. Redirects
 * are not followed (credentials must not travel to another origin). Credentials are refused over
 * plain http except to a loopback address. Thread-safe; immutable once built.
 */
public final class ApiClient {

	static final int MAX_JSON_BYTES = 4 * 1024 * 1024;

	static final int MAX_ERROR_BYTES = 64 * 1024;

	private static final String USER_AGENT = "sealdrop-cli/0.1";

	/** How long to wait for an upload body producer to notice an abort before giving up on it. */
	private static final long PRODUCER_WAIT_MILLIS = 30_000;

	private final ServerUrl server;

	private final Credentials credentials;

	private final Retrier retrier;

	private final HttpLog log;

	private final Duration requestTimeout;

	private final Duration idleTimeout;

	private final JsonMapper json;

	private final Exchange exchange;

	private ApiClient(Builder builder) {
		this.server = builder.server;
		this.credentials = builder.credentials;
		this.log = builder.log;
		this.retrier = new Retrier(builder.retryPolicy, builder.log);
		this.requestTimeout = builder.requestTimeout;
		this.idleTimeout = builder.idleTimeout;
		HttpClient.Builder http = HttpClient.newBuilder()
			// HTTP/1.1 only: predictable Range semantics and no h2c upgrade dance on http://.
			.version(HttpClient.Version.HTTP_1_1)
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(builder.connectTimeout);
		if (builder.sslContext != null) {
			http.sslContext(builder.sslContext);
		}
		this.exchange = new Exchange(http.build(), this.log, this.retrier.policy(), this.idleTimeout);
		this.json = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
	}

	/** Starts building a client for {@code server}. */
	public static Builder builder(ServerUrl server) {
		return new Builder(server);
	}

	/** A fresh random Idempotency-Key for one logical upload (reuse it for every retry of it). */
	public static String newIdempotencyKey() {
		return UUID.randomUUID().toString();
	}

	/**
	 * Percent-encodes one path segment (e.g. a file ID typed by the user), so it cannot add
	 * segments, a query or {@code ..}: {@code "/files/" + ApiClient.segment(id)}.
	 */
	public static String segment(String value) {
		if (value == null || value.isEmpty() || value.equals(".") || value.equals("..")) {
			throw new IllegalArgumentException("not a valid identifier");
		}
		StringBuilder out = new StringBuilder();
		for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
			char c = (char) (b & 0xff);
			if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~') {
				out.append(c);
			}
			else {
				out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
					.append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
			}
		}
		return out.toString();
	}

	public ServerUrl server() {
		return server;
	}

	/** The mapper used for bodies, for callers converting {@code JsonNode}s. */
	public JsonMapper json() {
		return json;
	}

	/** {@code GET path}, the JSON response mapped to {@code type} (use {@code JsonNode.class} for a tree). */
	public <T> T get(String path, Class<T> type) throws IOException {
		return retrier.run("GET " + stripQuery(path), Retrier.Safety.IDEMPOTENT,
				() -> readJson(exchange.send(request(path, "application/json").GET().build()), type));
	}

	/** {@code GET path} as text (e.g. {@code /server-key.pem}), at most 4 MiB. */
	public String getText(String path) throws IOException {
		return retrier.run("GET " + stripQuery(path), Retrier.Safety.IDEMPOTENT, () -> {
			HttpResponse<InputStream> response = exchange.send(request(path, "*/*").GET().build());
			try (InputStream in = response.body()) {
				return new String(readLimited(in, MAX_JSON_BYTES), StandardCharsets.UTF_8);
			}
		});
	}

	/**
	 * {@code POST path} with {@code body} as JSON. Not idempotent: retried only when the request
	 * cannot have been processed (could not connect, 429, 503).
	 * @param type the response type, or {@code Void.class} to ignore the body
	 */
	public <T> T post(String path, Object body, Class<T> type) throws IOException {
		return post(path, body, type, Retrier.Safety.NOT_IDEMPOTENT);
	}

	/**
	 * {@code POST path} for a request that is safe to repeat: it changes nothing on the server (a
	 * question that needs a body, such as the identity challenge), or a repeat's answer tells the
	 * caller that the first attempt did its work (a share's "already shared"). Retried as a GET is, on
	 * any 5xx, timeout or lost connection.
	 */
	public <T> T postRepeatable(String path, Object body, Class<T> type) throws IOException {
		return post(path, body, type, Retrier.Safety.IDEMPOTENT);
	}

	private <T> T post(String path, Object body, Class<T> type, Retrier.Safety safety) throws IOException {
		byte[] bytes = json.writeValueAsBytes(body);
		return retrier.run("POST " + stripQuery(path), safety, () -> readJson(exchange.send(
				request(path, "application/json").header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
					.build()), type));
	}

	/** {@code DELETE path}, expecting 2xx (204). */
	public void delete(String path) throws IOException {
		retrier.run("DELETE " + stripQuery(path), Retrier.Safety.IDEMPOTENT, () -> {
			discard(exchange.send(request(path, "application/json").DELETE().build()));
			return null;
		});
	}

	/**
	 * Uploads a body produced by {@code body} as {@code application/zip} to {@code POST path},
	 * streaming it: the supplier writes on its own thread while the request is sent (chunked), with
	 * no temporary file and a bounded amount of memory.
	 *
	 * <p>Every attempt carries the same {@code Idempotency-Key}, so a retry after a lost response
	 * cannot create a second file. Each retry runs the supplier again from the start; a
	 * {@link BodySupplier#once one-shot} body is retried only if it had not started. An exception
	 * thrown by the supplier is not retried and is rethrown (unwrapped if it is an IOException).
	 *
	 * @param name what is uploaded, for messages ("upload of report.pdf failed ...")
	 * @param idempotencyKey 1 to 128 visible ASCII characters (the server's limit), e.g. {@link #newIdempotencyKey()}
	 * @throws FatalTransferException when retries are exhausted or the failure cannot be retried
	 * @throws ApiProblemException for a non-retryable error status (e.g. 400, 401, 413)
	 */
	public <T> T upload(String path, String name, BodySupplier body, String idempotencyKey, Class<T> type) throws IOException {
		Objects.requireNonNull(body, "body");
		checkIdempotencyKey(idempotencyKey);
		String what = "upload of " + Text.printable(name, 200);
		return retrier.run(what, Retrier.Safety.IDEMPOTENT, () -> uploadOnce(path, body, idempotencyKey, type));
	}

	/**
	 * Opens a download of {@code GET path} from the start. The stream resumes by itself (Range +
	 * If-Range on the ETag) if the connection breaks mid-body; see {@link DownloadStream}.
	 * @param name what is downloaded, for messages
	 */
	public DownloadStream download(String path, String name) throws IOException {
		return download(path, name, 0, null);
	}

	/**
	 * Opens a download that continues an earlier, interrupted one at byte {@code offset}
	 * ({@code Range: bytes=offset-}, {@code If-Range: etag}). If the server's representation changed
	 * (or it ignores ranges) it sends everything: check {@link DownloadStream#startOffset()}, which
	 * is then 0, and discard what you had.
	 * @param etag the strong ETag of the earlier response; required when {@code offset > 0}
	 */
	public DownloadStream download(String path, String name, long offset, String etag) throws IOException {
		if (offset < 0) {
			throw new IllegalArgumentException("offset must not be negative");
		}
		if (offset > 0 && (etag == null || etag.startsWith("W/"))) {
			throw new IllegalArgumentException("resuming needs the strong ETag of the earlier response");
		}
		return DownloadStream.open(this, path, "download of " + Text.printable(name, 200), offset, etag);
	}

	Retrier retrier() {
		return retrier;
	}

	Duration idleTimeout() {
		return idleTimeout;
	}

	/**
	 * One ranged GET for {@link DownloadStream}: {@code Range: bytes=offset-} (with If-Range when an
	 * ETag is known) if {@code offset > 0}, a plain GET otherwise. Checks the answer; the caller
	 * closes {@link Ranged#body()}.
	 */
	Ranged fetchRange(String path, long offset, String etag) throws IOException {
		HttpRequest.Builder request = request(path, "*/*").GET();
		if (offset > 0) {
			request.header("Range", "bytes=" + offset + "-");
			if (etag != null && !etag.startsWith("W/")) {
				request.header("If-Range", etag);
			}
		}
		HttpResponse<InputStream> response;
		try {
			response = exchange.send(request.build());
		}
		catch (RangeNotSatisfiable ex) {
			if (offset > 0 && ex.completeLength() == offset) {
				// If-Range matched (else the answer would be 200) and we already have every byte.
				return new Ranged(InputStream.nullInputStream(), offset, offset, etag);
			}
			if (offset > 0) {
				// Our offset is past the end: the file is not what we had. Start over.
				return fetchRange(path, 0, null);
			}
			throw ex;
		}
		try {
			return Ranged.of(response, offset);
		}
		catch (IOException | RuntimeException ex) {
			response.body().close();
			throw ex;
		}
	}

	private <T> T uploadOnce(String path, BodySupplier body, String idempotencyKey, Class<T> type) throws IOException {
		BodyPipe pipe = new BodyPipe(body);
		// No request timeout: it would cover sending the whole body. The idle watch (sendWatched)
		// and the connect timeout apply instead.
		HttpRequest request = request(path, "application/json", null).header("Content-Type", "application/zip")
			.header("Idempotency-Key", idempotencyKey)
			.POST(HttpRequest.BodyPublishers.fromPublisher(pipe.publisher()))
			.build();
		T result;
		try {
			result = readJson(exchange.sendWatched(request, pipe::bytesTaken), type);
		}
		catch (IOException | RuntimeException ex) {
			throw attemptFailed(pipe, body, ex);
		}
		pipe.abort();
		Throwable producerFailure = pipe.awaitProducer(PRODUCER_WAIT_MILLIS);
		if (producerFailure != null) {
			throw new LocalFailure(producerFailure);
		}
		if (!pipe.completed()) {
			throw new NotRetryable(null, "the server answered before the whole file was sent");
		}
		return result;
	}

	/**
	 * What a failed upload attempt amounts to: the body producer's own failure if it had one (never
	 * retried), a {@link NotRetryable} if a one-shot body was consumed and a retry would be due, else
	 * the failure itself. Runtime exceptions other than the producer's are rethrown here.
	 */
	private static IOException attemptFailed(BodyPipe pipe, BodySupplier body, Exception failure) throws IOException {
		pipe.abort();
		Throwable producerFailure = pipe.awaitProducer(PRODUCER_WAIT_MILLIS);
		if (producerFailure != null) {
			return new LocalFailure(producerFailure);
		}
		if (failure instanceof RuntimeException runtime) {
			throw runtime;
		}
		IOException io = (IOException) failure;
		boolean clientError = io instanceof ApiProblemException problem && !Retrier.retryable(Retrier.Safety.IDEMPOTENT, problem);
		if (!body.replayable() && pipe.started() && !clientError) {
			return new NotRetryable(io, "the input can be read only once (standard input), so the upload was not retried");
		}
		return io;
	}

	private HttpRequest.Builder request(String path, String accept) {
		return request(path, accept, requestTimeout);
	}

	private HttpRequest.Builder request(String path, String accept, Duration timeout) {
		URI uri = server.api(path);
		HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", accept + ", application/problem+json")
			.header("User-Agent", USER_AGENT);
		if (timeout != null) {
			request.timeout(timeout);
		}
		String authorization = credentials.authorization();
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return request;
	}

	private <T> T readJson(HttpResponse<InputStream> response, Class<T> type) throws IOException {
		try (InputStream in = response.body()) {
			byte[] bytes = readLimited(in, MAX_JSON_BYTES);
			if (type == Void.class) {
				return null;
			}
			if (bytes.length == 0) {
				throw new NotRetryable(null, "the server sent an empty response (HTTP " + response.statusCode() + ")");
			}
			try {
				return json.readValue(bytes, type);
			}
			catch (JacksonException ex) {
				// Jackson's message can quote the body; keep only where it failed.
				throw new NotRetryable(null, "the server's response is not the expected JSON ("
						+ type.getSimpleName() + ")");
			}
		}
	}

	private static void discard(HttpResponse<InputStream> response) throws IOException {
		try (InputStream in = response.body()) {
			readLimited(in, MAX_JSON_BYTES);
		}
	}

	static byte[] readLimited(InputStream in, int max) throws IOException {
		byte[] bytes = in.readNBytes(max + 1);
		if (bytes.length > max) {
			throw new NotRetryable(null, "the server's response is larger than " + max + " bytes");
		}
		return bytes;
	}

	private static void checkIdempotencyKey(String key) {
		if (key == null || key.isEmpty() || key.length() > 128 || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
			throw new IllegalArgumentException("Idempotency-Key must be 1 to 128 visible ASCII characters");
		}
	}

	private static String stripQuery(String path) {
		int query = path.indexOf('?');
		return Text.printable(query < 0 ? path : path.substring(0, query), 200);
	}

	/** Builds an {@link ApiClient}. */
	public static final class Builder {

		private final ServerUrl server;

		private Credentials credentials = Credentials.none();

		private RetryPolicy retryPolicy = RetryPolicy.defaults();

		private HttpLog log = HttpLog.NONE;

		private Duration connectTimeout = Duration.ofSeconds(15);

		private Duration requestTimeout = Duration.ofSeconds(60);

		private Duration idleTimeout = Duration.ofSeconds(60);

		private SSLContext sslContext;

		private boolean allowCleartextCredentials;

		private Builder(ServerUrl server) {
			this.server = Objects.requireNonNull(server, "server");
		}

		public Builder credentials(Credentials credentials) {
			this.credentials = Objects.requireNonNull(credentials, "credentials");
			return this;
		}

		public Builder retryPolicy(RetryPolicy retryPolicy) {
			this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
			return this;
		}

		/** Where {@code --verbose} output goes; {@link HttpLog#NONE} by default. */
		public Builder log(HttpLog log) {
			this.log = Objects.requireNonNull(log, "log");
			return this;
		}

		public Builder connectTimeout(Duration timeout) {
			this.connectTimeout = Objects.requireNonNull(timeout, "timeout");
			return this;
		}

		/** Time until response headers arrive, for all requests but uploads (whose body may take long). */
		public Builder requestTimeout(Duration timeout) {
			this.requestTimeout = Objects.requireNonNull(timeout, "timeout");
			return this;
		}

		/**
		 * How long an upload or download may go without a byte moving before the connection is
		 * given up (and retried): uploads and download bodies have no overall timeout, since a
		 * large file may take hours. 60 s by default.
		 */
		public Builder idleTimeout(Duration timeout) {
			if (timeout.isNegative() || timeout.isZero()) {
				throw new IllegalArgumentException("idle timeout must be positive");
			}
			this.idleTimeout = timeout;
			return this;
		}

		/** TLS trust (e.g. a pinned CA); the JDK's default trust store otherwise. */
		public Builder sslContext(SSLContext sslContext) {
			this.sslContext = sslContext;
			return this;
		}

		/** Allows sending credentials over plain http to a non-loopback host. Only for testing setups. */
		public Builder allowCleartextCredentials(boolean allow) {
			this.allowCleartextCredentials = allow;
			return this;
		}

		/**
		 * @throws IllegalStateException if credentials would go over plain http to a host that is not
		 * loopback and that was not explicitly allowed
		 */
		public ApiClient build() {
			if (!(credentials instanceof Credentials.None) && !server.isHttps() && !server.isLoopback()
					&& !allowCleartextCredentials) {
				throw new IllegalStateException("refusing to send credentials to " + server
						+ " over unencrypted http; use an https:// server URL");
			}
			return new ApiClient(this);
		}

	}

}
