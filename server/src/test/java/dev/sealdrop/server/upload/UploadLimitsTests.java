package dev.sealdrop.server.upload;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.sealdrop.format.Recipient;
import dev.sealdrop.server.security.SealdropPrincipal;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Upload limits, in their own context with small limits: 64KB archives, a 150KB quota, one upload
 * at a time per user, and retired keys that stop opening uploads at once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "sealdrop.admin.password=" + SealdropTestBase.ADMIN_PASSWORD,
				"sealdrop.upload.max-archive-size=64KB", "sealdrop.upload.user-quota=150KB",
				"sealdrop.upload.max-concurrent-per-user=1", "sealdrop.server-key.retired-grace=PT0S" })
@AutoConfigureMockMvc
class UploadLimitsTests extends SealdropTestBase {

	private static final Path LIMITS_DATA_DIR = createLimitsDataDir();

	private static final MediaType ZIP = MediaType.parseMediaType("application/zip");

	@LocalServerPort
	private int port;

	@Autowired
	private UploadService uploads;

	private SealdropPrincipal alice;

	@DynamicPropertySource
	static void limitsDataDir(DynamicPropertyRegistry registry) {
		registry.add("sealdrop.data-dir", LIMITS_DATA_DIR::toString);
	}

	private static Path createLimitsDataDir() {
		try {
			return Files.createTempDirectory("sealdrop-limits-test-");
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	@BeforeEach
	void user() {
		this.alice = createUser(false);
	}

	@Test
	void declaredLengthOverTheLimitIsRejectedBeforeReading() throws Exception {
		this.mvc.perform(post("/api/v1/files").with(as(this.alice)).contentType(ZIP).content(new byte[70 * 1024]))
			.andExpect(status().isContentTooLarge())
			.andExpect(jsonPath("$.type").value("urn:sealdrop:problem:too-large"))
			.andExpect(jsonPath("$.limit").value(64 * 1024));
	}

	@Test
	void streamedBodyOverTheLimitIsCutOff() throws Exception {
		// chunked transfer encoding: no Content-Length, so only counting while reading can stop it
		byte[] archive = TestArchives.v1(serverKey(), "big", TestArchives.content(100_000, 1));
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/api/v1/files"))
			.header("Authorization", basic(this.alice))
			.header("Content-Type", "application/zip")
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(archive)))
			.build();
		HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(response.body()).contains("urn:sealdrop:problem:too-large");
		assertThat(countFiles()).isZero();
	}

	@Test
	void multipartPartOverTheLimitIsRejected() throws Exception {
		byte[] archive = TestArchives.v1(serverKey(), "big", TestArchives.content(100_000, 2));
		this.mvc.perform(multipart("/api/v1/files").file(new MockMultipartFile("file", "a.zip", "application/zip", archive))
			.with(as(this.alice)))
			.andExpect(status().isContentTooLarge())
			.andExpect(jsonPath("$.type").value("urn:sealdrop:problem:too-large"));
	}

	@Test
	void uploadBeyondTheQuotaIsRejected() throws Exception {
		Recipient key = serverKey();
		for (int i = 0; i < 2; i++) {
			this.mvc.perform(post("/api/v1/files").with(as(this.alice)).contentType(ZIP)
				.content(TestArchives.v1(key, "part" + i, TestArchives.content(60_000, 10 + i))))
				.andExpect(status().isCreated());
		}
		this.mvc.perform(post("/api/v1/files").with(as(this.alice)).contentType(ZIP)
			.content(TestArchives.v1(key, "one-too-many", TestArchives.content(60_000, 12))))
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.type").value("urn:sealdrop:problem:quota-exceeded"));
		assertThat(countFiles()).isEqualTo(2);
	}

	@Test
	void secondConcurrentUploadOfOneUserGets429EvenAsAReplay() throws Exception {
		byte[] archive = TestArchives.v1(serverKey(), "slow", TestArchives.content(30_000, 3));
		this.mvc.perform(post("/api/v1/files").with(as(this.alice)).contentType(ZIP).content(archive)
			.header("Idempotency-Key", "stored-before")).andExpect(status().isCreated());
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		InputStream slow = new InputStream() {

			private int position;

			@Override
			public int read() {
				throw new UnsupportedOperationException();
			}

			@Override
			public int read(byte[] b, int off, int len) {
				// The JDK client reads one buffer ahead before it sends one, so stall on the third read:
				// by then the request and its first 1000 bytes are on their way to the server.
				if (this.position == 2000) {
					started.countDown();
					try {
						release.await(30, TimeUnit.SECONDS);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
				}
				if (this.position >= archive.length) {
					return -1;
				}
				int n = Math.min(len, (this.position < 2000 ? this.position + 1000 : archive.length) - this.position);
				System.arraycopy(archive, this.position, b, off, n);
				this.position += n;
				return n;
			}

		};
		HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		HttpRequest first = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/api/v1/files"))
			.header("Authorization", basic(this.alice))
			.header("Content-Type", "application/zip")
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> slow))
			.build();
		CompletableFuture<HttpResponse<String>> running = client.sendAsync(first, HttpResponse.BodyHandlers.ofString());
		assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
		// wait until the server is inside the first upload (holding its permit)
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (this.uploads.uploadsInProgress(this.alice.userId()) == 0 && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
		assertThat(this.uploads.uploadsInProgress(this.alice.userId())).as("first upload reached the server").isOne();
		assertThat(running).as("first upload still running").isNotDone();
		this.mvc.perform(post("/api/v1/files").with(as(this.alice)).contentType(ZIP).content(archive))
			.andExpect(status().isTooManyRequests())
			.andExpect(header().exists("Retry-After"))
			.andExpect(jsonPath("$.type").value("urn:sealdrop:problem:too-many-uploads"));
		// a replay reads its body as well, so it needs a permit too
		this.mvc.perform(post("/api/v1/files").with(as(this.alice)).contentType(ZIP).content(archive)
			.header("Idempotency-Key", "stored-before")).andExpect(status().isTooManyRequests());
		release.countDown();
		assertThat(running.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(201);
	}

	@Test
	void uploadForAKeyRetiredPastItsGraceIsRejected() throws Exception {
		Recipient old = serverKey();
		this.mvc.perform(post("/api/v1/admin/server-key/rotate").with(as(createUser(true)))).andExpect(status().isOk());
		byte[] archive = TestArchives.v1(old, "late", TestArchives.content(100, 4));
		this.mvc.perform(post("/api/v1/files").with(as(this.alice)).contentType(ZIP).content(archive))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.type").value("urn:sealdrop:problem:retired-key"))
			.andExpect(jsonPath("$.kid").value(old.fingerprint().kid()));
	}

	private String basic(SealdropPrincipal user) {
		return "Basic " + Base64.getEncoder()
			.encodeToString((user.username() + ":" + USER_PASSWORD).getBytes(StandardCharsets.UTF_8));
	}

	private long countFiles() {
		return this.jdbc.sql("SELECT COUNT(*) FROM files WHERE owner_id = :o").param("o", this.alice.userId())
			.query(Long.class).single();
	}


}
