package dev.sealdrop.server.download;

import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.sealdrop.format.Identity;
import dev.sealdrop.format.Sealdrop;
import dev.sealdrop.server.security.SealdropPrincipal;
import dev.sealdrop.server.upload.TestArchives;

import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.head;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class ArchiveDownloadTests extends DownloadTestSupport {

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
		this.content = TestArchives.content(200_000, 41);
		this.fileId = upload(this.alice, "report.pdf", this.content);
	}

	private MockHttpServletResponse download(SealdropPrincipal user, String fileId, String clientId, String range)
			throws Exception {
		var request = get("/api/v1/files/{id}/archive", fileId).param("client", clientId).with(as(user));
		if (range != null) {
			request.header("Range", range);
		}
		return this.mvc.perform(request).andReturn().getResponse();
	}

	@Test
	void archiveDecryptsWithTheClientKeyToTheUploadedBytes() throws Exception {
		MockHttpServletResponse response = download(this.alice, this.fileId, this.laptopId, null);

		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getContentType()).isEqualTo("application/zip");
		byte[] archive = response.getContentAsByteArray();
		assertThat(response.getHeader("Content-Length")).isEqualTo(Long.toString(archive.length));
		assertThat(response.getHeader("Accept-Ranges")).isEqualTo("bytes");
		assertThat(response.getHeader("ETag")).matches("\"[0-9a-f]{32}\"");
		assertThat(decrypt(archive, this.laptop)).isEqualTo(this.content);
		try (var in = Sealdrop.decrypt(new java.io.ByteArrayInputStream(archive), java.util.List.of(this.laptop))) {
			assertThat(in.header().name()).isEqualTo("report.pdf");
		}
	}

	@Test
	void archiveIsAddressedOnlyToTheClientKey() throws Exception {
		byte[] archive = download(this.alice, this.fileId, this.laptopId, null).getContentAsByteArray();

		var info = Sealdrop.inspect(new java.io.ByteArrayInputStream(archive));
		assertThat(info.recipients()).containsExactly(this.laptop.recipient().fingerprint().toString());
		assertThat(info.totalChunks()).isEqualTo(4);
	}

	@Test
	void emptyFileDownloads() throws Exception {
		String empty = upload(this.alice, "empty", new byte[0]);

		byte[] archive = download(this.alice, empty, this.laptopId, null).getContentAsByteArray();

		assertThat(decrypt(archive, this.laptop)).isEmpty();
	}

	@Test
	void firstHalfPlusRestIsTheWholeArchive() throws Exception {
		MockHttpServletResponse whole = download(this.alice, this.fileId, this.laptopId, null);
		int length = whole.getContentAsByteArray().length;
		int half = length / 2;

		MockHttpServletResponse first = download(this.alice, this.fileId, this.laptopId, "bytes=0-" + (half - 1));
		MockHttpServletResponse rest = download(this.alice, this.fileId, this.laptopId, "bytes=" + half + "-");

		assertThat(first.getStatus()).isEqualTo(206);
		assertThat(first.getHeader("Content-Range")).isEqualTo("bytes 0-" + (half - 1) + "/" + length);
		assertThat(first.getContentAsByteArray()).hasSize(half);
		assertThat(rest.getStatus()).isEqualTo(206);
		assertThat(rest.getHeader("Content-Range")).isEqualTo("bytes " + half + "-" + (length - 1) + "/" + length);
		assertThat(rest.getHeader("Content-Length")).isEqualTo(Integer.toString(length - half));
		byte[] joined = concat(first.getContentAsByteArray(), rest.getContentAsByteArray());
		assertThat(decrypt(joined, this.laptop)).isEqualTo(this.content);
	}

	@Test
	void theArchiveIsTheSameBytesOnEveryRequest() throws Exception {
		byte[] first = download(this.alice, this.fileId, this.laptopId, null).getContentAsByteArray();
		byte[] second = download(this.alice, this.fileId, this.laptopId, null).getContentAsByteArray();
		int half = first.length / 2;
		byte[] rest = download(this.alice, this.fileId, this.laptopId, "bytes=" + half + "-").getContentAsByteArray();

		assertThat(second).isEqualTo(first);
		assertThat(rest).isEqualTo(Arrays.copyOfRange(first, half, first.length));
	}

	@Test
	void etagIsStableAcrossRequests() throws Exception {
		String first = download(this.alice, this.fileId, this.laptopId, null).getHeader("ETag");
		String second = download(this.alice, this.fileId, this.laptopId, "bytes=10-20").getHeader("ETag");

		assertThat(second).isEqualTo(first);
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM download_stanzas WHERE file_id = ?").param(this.fileId)
			.query(Long.class).single()).isEqualTo(1);
	}

	@Test
	void etagDiffersPerRecipient() throws Exception {
		String other = registerClient(this.alice, Identity.generate());

		assertThat(download(this.alice, this.fileId, other, null).getHeader("ETag"))
			.isNotEqualTo(download(this.alice, this.fileId, this.laptopId, null).getHeader("ETag"));
	}

	@Test
	void suffixRangeServesTheEnd() throws Exception {
		byte[] whole = download(this.alice, this.fileId, this.laptopId, null).getContentAsByteArray();

		MockHttpServletResponse tail = download(this.alice, this.fileId, this.laptopId, "bytes=-100");

		assertThat(tail.getStatus()).isEqualTo(206);
		// the trailer and central directory do not depend on the stanza
		assertThat(tail.getContentAsByteArray()).isEqualTo(Arrays.copyOfRange(whole, whole.length - 100, whole.length));
	}

	@Test
	void rangePastTheEndIs416WithTheLength() throws Exception {
		long length = download(this.alice, this.fileId, this.laptopId, null).getContentAsByteArray().length;

		MockHttpServletResponse response = download(this.alice, this.fileId, this.laptopId, "bytes=" + length + "-");

		assertThat(response.getStatus()).isEqualTo(416);
		assertThat(response.getHeader("Content-Range")).isEqualTo("bytes */" + length);
		assertThat(response.getContentAsByteArray()).isEmpty();
	}

	@Test
	void malformedByteRangeIs416() throws Exception {
		assertThat(download(this.alice, this.fileId, this.laptopId, "bytes=abc").getStatus()).isEqualTo(416);
	}

	@Test
	void ifRangeWithAnotherEtagGetsTheWholeArchive() throws Exception {
		MockHttpServletResponse response = this.mvc
			.perform(get("/api/v1/files/{id}/archive", this.fileId).param("client", this.laptopId)
				.with(as(this.alice)).header("Range", "bytes=0-9").header("If-Range", "\"0123456789abcdef0123456789abcdef\""))
			.andReturn().getResponse();

		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(decrypt(response.getContentAsByteArray(), this.laptop)).isEqualTo(this.content);
	}

	@Test
	void ifRangeWithTheCurrentEtagGetsTheRange() throws Exception {
		String etag = download(this.alice, this.fileId, this.laptopId, null).getHeader("ETag");

		MockHttpServletResponse response = this.mvc
			.perform(get("/api/v1/files/{id}/archive", this.fileId).param("client", this.laptopId)
				.with(as(this.alice)).header("Range", "bytes=0-9").header("If-Range", etag))
			.andReturn().getResponse();

		assertThat(response.getStatus()).isEqualTo(206);
		assertThat(response.getContentAsByteArray()).hasSize(10);
	}

	@Test
	void multipleRangesGetTheWholeArchive() throws Exception {
		MockHttpServletResponse response = download(this.alice, this.fileId, this.laptopId, "bytes=0-9,20-29");

		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(decrypt(response.getContentAsByteArray(), this.laptop)).isEqualTo(this.content);
	}

	@Test
	void headSendsTheHeadersOnly() throws Exception {
		MockHttpServletResponse response = this.mvc
			.perform(head("/api/v1/files/{id}/archive", this.fileId).param("client", this.laptopId).with(as(this.alice)))
			.andReturn().getResponse();

		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(Long.parseLong(response.getHeader("Content-Length"))).isGreaterThan(200_000);
		assertThat(response.getContentAsByteArray()).isEmpty();
	}

	@Test
	void revokedClientIsRefused() throws Exception {
		this.mvc.perform(delete("/api/v1/clients/{id}", this.laptopId).with(as(this.alice)))
			.andExpect(status().isNoContent());

		this.mvc.perform(get("/api/v1/files/{id}/archive", this.fileId).param("client", this.laptopId).with(as(this.alice)))
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.type").value("urn:sealdrop:problem:forbidden"));
		assertThat(auditCount(this.alice.username(), "DOWNLOAD", "FAILURE")).isEqualTo(1);
	}

	@Test
	void anotherUsersFileIsNotFound() throws Exception {
		SealdropPrincipal mallory = createUser(false);
		String malloryClient = registerClient(mallory, Identity.generate());

		this.mvc.perform(get("/api/v1/files/{id}/archive", this.fileId).param("client", malloryClient).with(as(mallory)))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.type").value("urn:sealdrop:problem:not-found"));
	}

	@Test
	void anotherUsersClientIsNotFound() throws Exception {
		SealdropPrincipal bob = createUser(false);
		String bobClient = registerClient(bob, Identity.generate());

		this.mvc.perform(get("/api/v1/files/{id}/archive", this.fileId).param("client", bobClient).with(as(this.alice)))
			.andExpect(status().isNotFound());
	}

	@Test
	void missingClientIsAValidationError() throws Exception {
		this.mvc.perform(get("/api/v1/files/{id}/archive", this.fileId).with(as(this.alice)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value("urn:sealdrop:problem:validation-failed"));
	}

	@Test
	void unknownFileIdsAreNotFound() throws Exception {
		this.mvc.perform(get("/api/v1/files/{id}/archive", "not-a-uuid").param("client", this.laptopId).with(as(this.alice)))
			.andExpect(status().isNotFound());
		this.mvc.perform(get("/api/v1/files/{id}/archive", java.util.UUID.randomUUID()).param("client", this.laptopId)
			.with(as(this.alice))).andExpect(status().isNotFound());
	}

	@Test
	void anonymousCallersAreUnauthorized() throws Exception {
		this.mvc.perform(get("/api/v1/files/{id}/archive", this.fileId).param("client", this.laptopId))
			.andExpect(status().isUnauthorized());
	}

	@Test
	void adHocKeyDownloadDecrypts() throws Exception {
		Identity oneOff = Identity.generate();
		String body = this.json.writeValueAsString(Map.of("publicKey", oneOff.recipient().toJwk()));

		MockHttpServletResponse response = this.mvc
			.perform(post("/api/v1/files/{id}/archive", this.fileId).with(as(this.alice))
				.contentType(MediaType.APPLICATION_JSON).content(body))
			.andReturn().getResponse();

		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(decrypt(response.getContentAsByteArray(), oneOff)).isEqualTo(this.content);
	}

	@Test
	void adHocCannotUseARevokedClientKey() throws Exception {
		this.mvc.perform(delete("/api/v1/clients/{id}", this.laptopId).with(as(this.alice)))
			.andExpect(status().isNoContent());
		String body = this.json.writeValueAsString(Map.of("publicKey", this.laptop.recipient().toPem()));

		this.mvc.perform(post("/api/v1/files/{id}/archive", this.fileId).with(as(this.alice))
				.contentType(MediaType.APPLICATION_JSON).content(body))
			.andExpect(status().isForbidden());
	}

	@Test
	void adHocInvalidKeyIsRefused() throws Exception {
		// a P-384 point with y+1: not on the curve
		byte[] point = Identity.generate().recipient().point();
		point[96]++;
		String jwk = "{\"kty\":\"EC\",\"crv\":\"P-384\",\"x\":\"" + b64url(point, 1) + "\",\"y\":\"" + b64url(point, 49) + "\"}";

		this.mvc.perform(post("/api/v1/files/{id}/archive", this.fileId).with(as(this.alice))
				.contentType(MediaType.APPLICATION_JSON).content(this.json.writeValueAsString(Map.of("publicKey", jwk))))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value("urn:sealdrop:problem:invalid-key"));
	}

	@Test
	void missingStoredContentIsAProblemNotABrokenArchive() throws Exception {
		String id = upload(this.alice, "gone", TestArchives.content(1000, 8));
		java.nio.file.Files.delete(DATA_DIR.resolve("blobs").resolve(id.substring(0, 2)).resolve(id));

		this.mvc.perform(get("/api/v1/files/{id}/archive", id).param("client", this.laptopId).with(as(this.alice)))
			.andExpect(status().isInternalServerError())
			.andExpect(jsonPath("$.type").value("urn:sealdrop:problem:internal-error"));
	}

	@Test
	void aRowWhoseChunkSizeDisagreesWithThePayloadHeaderIsAProblemNotWrongBytes() throws Exception {
		// 200 000 bytes are 4 chunks of 65 536 as of 60 000: a layout that passes every other check
		String id = upload(this.alice, "skewed", TestArchives.content(200_000, 9));
		assertThat(this.jdbc.sql("SELECT chunk_size FROM files WHERE id = ?").param(id).query(Integer.class).single())
			.isEqualTo(65_536);
		this.jdbc.sql("UPDATE files SET chunk_size = 60000 WHERE id = ?").param(id).update();

		this.mvc.perform(get("/api/v1/files/{id}/archive", id).param("client", this.laptopId).with(as(this.alice)))
			.andExpect(status().isInternalServerError())
			.andExpect(jsonPath("$.type").value("urn:sealdrop:problem:internal-error"));
	}

	@Test
	void adHocWithoutABodyIsABadRequest() throws Exception {
		this.mvc.perform(post("/api/v1/files/{id}/archive", this.fileId).with(as(this.alice))
				.contentType(MediaType.APPLICATION_JSON))
			.andExpect(status().isBadRequest());
	}

	@Test
	void downloadsAreAudited() throws Exception {
		download(this.alice, this.fileId, this.laptopId, null);

		assertThat(auditCount(this.alice.username(), "DOWNLOAD", "SUCCESS")).isEqualTo(1);
		String detail = this.jdbc.sql("SELECT detail FROM audit_events WHERE actor = ? AND action = 'DOWNLOAD'")
			.param(this.alice.username()).query(String.class).single();
		assertThat(detail).contains("client " + this.laptopId);
		assertThat(this.jdbc.sql("SELECT remote_address FROM audit_events WHERE actor = ? AND action = 'DOWNLOAD'")
			.param(this.alice.username()).query(String.class).single()).isEqualTo("127.0.0.1");
	}

	private static String b64url(byte[] bytes, int from) {
		return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOfRange(bytes, from, from + 48));
	}

	private static byte[] concat(byte[] a, byte[] b) {
		byte[] out = Arrays.copyOf(a, a.length + b.length);
		System.arraycopy(b, 0, out, a.length, b.length);
		return out;
	}

}
