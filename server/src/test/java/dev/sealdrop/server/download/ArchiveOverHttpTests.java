package dev.sealdrop.server.download;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.zip.CRC32;

import org.apache.catalina.connector.Connector;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

import dev.sealdrop.format.Identity;
import dev.sealdrop.server.security.SealdropPrincipal;
import dev.sealdrop.server.upload.TestArchives;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The archive download through real Tomcat: the chunks leave through the container's own stream
 * (past Spring's response wrappers), and the bytes, ranges and headers must be what MockMvc sees. Also
 * the per-chunk CRC-32s the ZIP headers are generated from, as stored at upload and as filled in for
 * files stored before they were kept.
 */
class ArchiveOverHttpTests extends DownloadTestSupport {

	@LocalServerPort
	private int port;

	@Autowired
	private WebServerApplicationContext context;

	private SealdropPrincipal alice;

	private Identity laptop;

	private String laptopId;

	private byte[] content;

	private String fileId;

	@BeforeEach
	void setUp() throws Exception {
		this.alice = createUser(false);
		this.laptop = Identity.generate();
		this.laptopId = registerClient(this.alice, this.laptop);
		// 64 KiB chunks: five whole ones and a short last one
		this.content = TestArchives.content(5 * 65536 + 123, 77);
		this.fileId = upload(this.alice, "over-http.bin", this.content);
	}

	@Test
	void theWholeArchiveOverHttpDecryptsAndKeepsTheSecurityHeaders() throws Exception {
		HttpResponse<byte[]> response = get(null);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/zip");
		assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(response.body().length);
		// written by Spring Security when the response commits, before the body bypasses its wrapper
		assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(response.headers().firstValue("Cache-Control")).isPresent();
		assertThat(decrypt(response.body(), this.laptop)).isEqualTo(this.content);
	}

	@Test
	void rangesOverHttpAreSlicesOfTheSameBytes() throws Exception {
		byte[] whole = get(null).body();
		int[][] ranges = { { 0, 0 }, { 0, 99 }, { 100, 70_000 }, { 65_000, 200_000 }, { whole.length - 30, whole.length - 1 } };
		for (int[] range : ranges) {
			HttpResponse<byte[]> part = get("bytes=" + range[0] + "-" + range[1]);
			assertThat(part.statusCode()).isEqualTo(206);
			assertThat(part.body()).as("bytes %d-%d", range[0], range[1])
				.isEqualTo(Arrays.copyOfRange(whole, range[0], range[1] + 1));
		}
	}

	@Test
	void theUploadStoresEachChunksCrc32() throws Exception {
		List<Long> stored = storedCrcs();
		byte[] blob = Files.readAllBytes(blobPath());
		assertThat(stored).hasSize(6);
		for (int i = 0; i < 6; i++) {
			int from = i * (65536 + 16);
			CRC32 crc = new CRC32();
			crc.update(blob, from, Math.min(65536 + 16, blob.length - from));
			assertThat(stored.get(i)).as("chunk %d", i).isEqualTo(crc.getValue());
		}
	}

	@Test
	void aFileStoredWithoutCrc32sGetsThemOnItsFirstDownload() throws Exception {
		byte[] before = get(null).body();
		List<Long> crcs = storedCrcs();
		this.jdbc.sql("UPDATE file_chunks SET crc32 = NULL WHERE file_id = :id").param("id", this.fileId).update();

		HttpResponse<byte[]> after = get(null);

		assertThat(after.statusCode()).isEqualTo(200);
		assertThat(after.body()).isEqualTo(before);
		assertThat(storedCrcs()).isEqualTo(crcs);
	}

	@Test
	void tomcatWritesWithTheConfiguredSocketBuffer() {
		Connector connector = ((TomcatWebServer) this.context.getWebServer()).getTomcat().getConnector();
		assertThat(connector.getProperty("socket.appWriteBufSize")).isEqualTo(Integer.toString(512 * 1024));
	}

	private HttpResponse<byte[]> get(String range) throws Exception {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.port + "/api/v1/files/" + this.fileId + "/archive?client="
					+ this.laptopId))
			.header("Authorization", "Basic " + Base64.getEncoder()
				.encodeToString((this.alice.username() + ":" + USER_PASSWORD).getBytes(StandardCharsets.UTF_8)));
		if (range != null) {
			request.header("Range", range);
		}
		return HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.build()
			.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	private List<Long> storedCrcs() {
		return this.jdbc.sql("SELECT crc32 FROM file_chunks WHERE file_id = :id ORDER BY chunk_index")
			.param("id", this.fileId)
			.query(Long.class)
			.list();
	}

	private Path blobPath() throws Exception {
		try (var files = Files.walk(DATA_DIR)) {
			return files.filter((p) -> p.getFileName().toString().equals(this.fileId)).findFirst().orElseThrow();
		}
	}

}
