package dev.sealdrop.server.upload;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;

import tools.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.sealdrop.format.Identity;
import dev.sealdrop.format.Recipient;
import dev.sealdrop.server.security.SealdropPrincipal;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class UploadControllerTests extends SealdropTestBase {

	private static final MediaType ZIP = MediaType.parseMediaType("application/zip");

	@Autowired
	private MeterRegistry meters;

	private SealdropPrincipal alice;

	@BeforeEach
	void createUser() {
		this.alice = createUser(false);
	}

	@Test
	void rawV1UploadIsStoredAndDescribed() throws Exception {
		byte[] content = TestArchives.content(200_000, 1);
		byte[] archive = TestArchives.v1(serverKey(), "report.pdf", content);

		MvcResult result = this.mvc.perform(post("/api/v1/files").with(as(this.alice)).contentType(ZIP).content(archive))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.name").value("report.pdf"))
			.andExpect(jsonPath("$.size").value(200_000))
			.andExpect(jsonPath("$.sha256").value(sha256(content)))
			.andExpect(jsonPath("$.chunks").value(4))
			.andExpect(jsonPath("$.format").value(1))
			.andExpect(jsonPath("$.warnings").doesNotExist())
			.andReturn();

		String id = jsonOf(result.getResponse().getContentAsString()).get("id").asString();
		assertThat(result.getResponse().getHeader("Location")).isEqualTo("/api/v1/files/" + id);
		Path blob = DATA_DIR.resolve("blobs").resolve(id.substring(0, 2)).resolve(id);
		assertThat(blob).exists();
		// the blob is the sealed chunks: plaintext + one 16-byte tag per chunk, never the plaintext
		assertThat(Files.size(blob)).isEqualTo(200_000 + 4 * 16);
		String stored = new String(Files.readAllBytes(blob), java.nio.charset.StandardCharsets.ISO_8859_1);
		assertThat(stored).doesNotContain(new String(content, 0, 64, java.nio.charset.StandardCharsets.ISO_8859_1));
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM file_chunks WHERE file_id = :id").param("id", id)
			.query(Long.class).single()).isEqualTo(4);
	}

	@Test
	void storedFileKeyIsWrappedNotPlain() throws Exception {
		byte[] archive = TestArchives.v1(serverKey(), "a.txt", TestArchives.content(10, 2));
		String id = upload(archive);
		String wrapped = this.jdbc.sql("SELECT wrapped_key FROM files WHERE id = :id").param("id", id)
			.query(String.class).single();
		assertThat(java.util.Base64.getDecoder().decode(wrapped)).hasSize(61);
	}

	@Test
	void archiveOfUnknownLengthIsStoredWithItsTrueSize() throws Exception {
		byte[] content = TestArchives.content(150_000, 20);
		java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
		try (java.io.OutputStream out = dev.sealdrop.format.Sealdrop.encrypt(bytes,
				new dev.sealdrop.format.EncryptOptions("stdin.bin", -1, 64 * 1024), List.of(serverKey()))) {
			out.write(content);
		}
		this.mvc.perform(post("/api/v1/files").with(as(this.alice)).contentType(ZIP).content(bytes.toByteArray()))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.size").value(150_000))
			.andExpect(jsonPath("$.chunks").value(3))
			.andExpect(jsonPath("$.sha256").value(sha256(content)));
	}

	@Test
	void emptyFileUploads() throws Exception {
		byte[] archive = TestArchives.v1(serverKey(), "empty", new byte[0]);
		this.mvc.perform(post("/api/v1/files").with(as(this.alice)).contentType(ZIP).content(archive))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.size").value(0))
			.andExpect(jsonPath("$.chunks").value(1));
	}

	@Test
	void anArchiveWithAHeaderOverSixtyFourKibIsAccepted() throws Exception {
		// metadata.json lists every chunk (about 70 bytes each): a 1 GiB file in 1 MiB chunks has a
		// 72 KB header, and this one, in 64 KiB chunks, has as many entries as a 1.1 GiB file
		byte[] archive = TestArchives.v1(serverKey(), "many-chunks.bin", new byte[1100 * 64 * 1024]);
		assertThat(dev.sealdrop.format.Sealdrop.inspect(new java.io.ByteArrayInputStream(archive)).metadataBytes())
			.isGreaterThan(64 * 1024);
		this.mvc.perform(post("/api/v1/files").with(as(this.alice)).contentType(ZIP).content(archive))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.chunks").value(1100));
	}

	@Test
	void multipartUploadWithFilePartIsStored() throws Exception {
		byte[] content = TestArchives.content(70_000, 3);
		byte[] archive = TestArchives.v1(serverKey(), "photo.jpg", content);
		this.mvc.perform(multipart("/api/v1/files").file(new MockMultipartFile("file", "x.zip", "application/zip", archive))
			.param("filename", "ignored-because-archive-has-a-name.jpg")
			.with(as(this.alice)))
			.andExpect(status().isCreated())
			.andExpect(header().exists("Location"))
			.andExpect(jsonPath("$.name").value("photo.jpg"))
			.andExpect(jsonPath("$.sha256").value(sha256(content)));
	}

	@Test
	void multipartFilenameNamesAnArchiveWithoutName() throws Exception {
		byte[] archive = TestArchives.v1(serverKey(), "", TestArchives.content(100, 4));
		this.mvc.perform(multipart("/api/v1/files").file(new MockMultipartFile("file", "x.zip", "application/zip", archive))
			.param("filename", "from-the-form.txt")
			.with(as(this.alice)))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.name").value("from-the-form.txt"));
	}

	@Test
	void multipartFilenameWithControlCharactersIsRejected() throws Exception {
		byte[] archive = TestArchives.v1(serverKey(), "", TestArchives.content(100, 5));
		this.mvc.perform(multipart("/api/v1/files").file(new MockMultipartFile("file", "x.zip", "application/zip", archive))
			.param("filename", "evil\u0007name.txt")
			.with(as(this.alice)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value("urn:sealdrop:problem:validation-failed"));
		assertThat(countFiles(this.alice)).isZero();
	}

	@Test
	void multipartWithoutFilePartIsRejected() throws Exception {
		byte[] archive = TestArchives.v1(serverKey(), "a", TestArchives.content(100, 6));
		this.mvc.perform(multipart("/api/v1/files").file(new MockMultipartFile("archive", "x.zip", "application/zip", archive))
			.with(as(this.alice)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value("urn:sealdrop:problem:validation-failed"));
	}

	@Test
	void format0UploadIsReSealedAndStoredWithWarning() throws Exception {
		byte[] content = TestArchives.content(1_500_000, 7);
		byte[] archive = Format0ArchiveMaker.make(serverKey().publicKey(), "legacy.bin", content, 1 << 20);
		String body = this.mvc.perform(post("/api/v1/files").with(as(this.alice)).contentType(ZIP).content(archive))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.name").value("legacy.bin"))
			.andExpect(jsonPath("$.format").value(0))
			.andExpect(jsonPath("$.sha256").value(sha256(content)))
			.andExpect(jsonPath("$.warnings[0]").exists())
			.andReturn().getResponse().getContentAsString();
		String id = jsonOf(body).get("id").asString();
		long chunks = jsonOf(body).get("chunks").asLong();
		Path blob = DATA_DIR.resolve("blobs").resolve(id.substring(0, 2)).resolve(id);
		assertThat(Files.size(blob)).isEqualTo(content.length + 16 * chunks);
		assertThat(Files.list(DATA_DIR.resolve("tmp").resolve("spool"))).isEmpty();
	}

	@Test
	void notAZipIsMalformed() throws Exception {
		this.mvc.perform(post("/api/v1/files").with(as(this.alice)).contentType(ZIP).content("not a zip at all".getBytes()))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value("urn:sealdrop:problem:malformed-archive"));
		assertThat(countFiles(this.alice)).isZero();
		assertThat(this.meters.counter("sealdrop.upload.failures", "reason", "malformed-archive").count()).isPositive();
	}

	@Test
	void truncatedArchiveIsRejectedAndNothingIsStored() throws Exception {
		byte[] archive = TestArchives.v1(serverKey(), "a", TestArchives.content(200_000, 8));
		byte[] truncated = java.util.Arrays.copyOf(archive, archive.length / 2);
		this.mvc.perform(post("/api/v1/files").with(as(this.alice)).contentType(ZIP).content(truncated))
			.andExpect(status().is4xxClientError());
		assertThat(countFiles(this.alice)).isZero();
		assertThat(Files.list(DATA_DIR.resolve("blobs").resolve(".tmp"))).isEmpty();
	}

	@Test
	void bytesAfterTheArchiveAreMalformedAndNothingIsStored() throws Exception {
		byte[] archive = TestArchives.v1(serverKey(), "a", TestArchives.content(200_000, 12));
		byte[] longer = java.util.Arrays.copyOf(archive, archive.length + 7);
		this.mvc.perform(post("/api/v1/files").with(as(this.alice)).contentType(ZIP).content(longer))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value("urn:sealdrop:problem:malformed-archive"))
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("data after the end of the archive")));
		assertThat(countFiles(this.alice)).isZero();
		assertThat(Files.list(DATA_DIR.resolve("blobs").resolve(".tmp"))).isEmpty();
	}

	@Test
	void tamperedChunkIsAnIntegrityFailure() throws Exception {
		byte[] archive = TestArchives.v1(serverKey(), "a", TestArchives.content(200_000, 9));
		byte[] tampered = ArchiveSurgery.rewrite(archive, "chunks/chunk_2.enc", b -> {
			b[100] ^= 1;
			return b;
		});
		this.mvc.perform(post("/api/v1/files").with(as(this.alice)).contentType(ZIP).content(tampered))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.type").value("urn:sealdrop:problem:integrity-failure"));
		assertThat(countFiles(this.alice)).isZero();
		assertThat(Files.list(DATA_DIR.resolve("blobs").resolve(".tmp"))).isEmpty();
	}

	@Test
	void unknownFormatVersionIsUnsupported() throws Exception {
		byte[] archive = TestArchives.v1(serverKey(), "a", TestArchives.content(100, 10));
		byte[] v2 = ArchiveSurgery.rewriteMetadata(archive,
				json -> json.replaceFirst("\"format_version\"\\s*:\\s*1", "\"format_version\":2"));
		this.mvc.perform(post("/api/v1/files").with(as(this.alice)).contentType(ZIP).content(v2))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.type").value("urn:sealdrop:problem:unsupported-format"));
	}

	@Test
	void archiveForAnotherKeyHasNoMatchingKey() throws Exception {
		Recipient stranger = Identity.generate().recipient();
		byte[] archive = TestArchives.v1(stranger, "a", TestArchives.content(100, 11));
		this.mvc.perform(post("/api/v1/files").with(as(this.alice)).contentType(ZIP).content(archive))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.type").value("urn:sealdrop:problem:no-matching-key"));
	}

	@Test
	void unsupportedContentTypeIs415() throws Exception {
		this.mvc.perform(post("/api/v1/files").with(as(this.alice)).contentType(MediaType.TEXT_PLAIN).content("x"))
			.andExpect(status().isUnsupportedMediaType());
	}

	@Test
	void anonymousUploadIs401() throws Exception {
		this.mvc.perform(post("/api/v1/files").contentType(ZIP).content(new byte[10]))
			.andExpect(status().isUnauthorized());
	}

	@Test
	void repeatedIdempotencyKeyReplaysTheFirstAnswer() throws Exception {
		Recipient key = serverKey();
		byte[] first = TestArchives.v1(key, "once.txt", TestArchives.content(1000, 12));
		byte[] second = TestArchives.v1(key, "once.txt", TestArchives.content(1000, 12));
		String a = this.mvc.perform(post("/api/v1/files").with(as(this.alice)).contentType(ZIP).content(first)
			.header("Idempotency-Key", "upload-42"))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		String b = this.mvc.perform(post("/api/v1/files").with(as(this.alice)).contentType(ZIP).content(second)
			.header("Idempotency-Key", "upload-42"))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		assertThat(jsonOf(b).get("id")).isEqualTo(jsonOf(a).get("id"));
		assertThat(countFiles(this.alice)).isEqualTo(1);
	}

	@Test
	void idempotencyKeyOlderThanTheWindowStoresANewFile() throws Exception {
		Recipient key = serverKey();
		String first = jsonOf(this.mvc.perform(post("/api/v1/files").with(as(this.alice)).contentType(ZIP)
			.content(TestArchives.v1(key, "daily.txt", TestArchives.content(100, 17))).header("Idempotency-Key", "daily"))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString()).get("id").asString();
		this.jdbc.sql("UPDATE files SET created_at = :old WHERE id = :id")
			.param("old", java.time.LocalDateTime.now(java.time.ZoneOffset.UTC).minusHours(25))
			.param("id", first)
			.update();
		String second = jsonOf(this.mvc.perform(post("/api/v1/files").with(as(this.alice)).contentType(ZIP)
			.content(TestArchives.v1(key, "daily.txt", TestArchives.content(100, 18))).header("Idempotency-Key", "daily"))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString()).get("id").asString();
		assertThat(second).isNotEqualTo(first);
		assertThat(countFiles(this.alice)).isEqualTo(2);
	}

	@Test
	void archiveNameWithDirectionOverrideIsRejected() throws Exception {
		// U+202E makes "report\u202Efdp.exe" display as "reportexe.pdf"
		byte[] archive = TestArchives.v1(serverKey(), "report\u202Efdp.exe", TestArchives.content(100, 19));
		this.mvc.perform(post("/api/v1/files").with(as(this.alice)).contentType(ZIP).content(archive))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value("urn:sealdrop:problem:validation-failed"));
		assertThat(countFiles(this.alice)).isZero();
	}

	@Test
	void sameIdempotencyKeyOfAnotherUserIsIndependent() throws Exception {
		SealdropPrincipal bob = createUser(false);
		byte[] archive = TestArchives.v1(serverKey(), "x", TestArchives.content(10, 13));
		JsonNode a = jsonOf(this.mvc.perform(post("/api/v1/files").with(as(this.alice)).contentType(ZIP).content(archive)
			.header("Idempotency-Key", "shared")).andExpect(status().isCreated()).andReturn().getResponse().getContentAsString());
		JsonNode b = jsonOf(this.mvc.perform(post("/api/v1/files").with(as(bob)).contentType(ZIP).content(archive)
			.header("Idempotency-Key", "shared")).andExpect(status().isCreated()).andReturn().getResponse().getContentAsString());
		assertThat(a.get("id")).isNotEqualTo(b.get("id"));
	}

	@Test
	void invalidIdempotencyKeyIsRejected() throws Exception {
		byte[] archive = TestArchives.v1(serverKey(), "x", TestArchives.content(10, 14));
		this.mvc.perform(post("/api/v1/files").with(as(this.alice)).contentType(ZIP).content(archive)
			.header("Idempotency-Key", "x".repeat(129)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value("urn:sealdrop:problem:validation-failed"));
	}

	@Test
	void uploadForRetiredKeyWithinGraceIsAccepted() throws Exception {
		SealdropPrincipal admin = createUser(true);
		Recipient old = serverKey();
		this.mvc.perform(post("/api/v1/admin/server-key/rotate").with(as(admin))).andExpect(status().isOk());
		assertThat(serverKey()).isNotEqualTo(old);
		byte[] archive = TestArchives.v1(old, "late.txt", TestArchives.content(100, 15));
		this.mvc.perform(post("/api/v1/files").with(as(this.alice)).contentType(ZIP).content(archive))
			.andExpect(status().isCreated());
	}

	@Test
	void successfulUploadsAreMetered() throws Exception {
		double before = this.meters.counter("sealdrop.upload.bytes").count();
		upload(TestArchives.v1(serverKey(), "m", TestArchives.content(1000, 16)));
		assertThat(this.meters.counter("sealdrop.upload.bytes").count()).isGreaterThan(before + 1000);
		assertThat(this.meters.timer("sealdrop.upload.duration", "outcome", "success").count()).isPositive();
	}

	private String upload(byte[] archive) throws Exception {
		String body = this.mvc.perform(post("/api/v1/files").with(as(this.alice)).contentType(ZIP).content(archive))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		return jsonOf(body).get("id").asString();
	}

	private long countFiles(SealdropPrincipal user) {
		return this.jdbc.sql("SELECT COUNT(*) FROM files WHERE owner_id = :o").param("o", user.userId())
			.query(Long.class).single();
	}

	static String sha256(byte[] data) throws Exception {
		return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(data));
	}


}
