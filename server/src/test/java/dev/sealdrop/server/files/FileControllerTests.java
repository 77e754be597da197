package dev.sealdrop.server.files;

import java.nio.file.Path;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.sealdrop.server.security.SealdropPrincipal;
import dev.sealdrop.server.upload.SealdropTestBase;
import dev.sealdrop.server.upload.TestArchives;

import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class FileControllerTests extends SealdropTestBase {

	@org.springframework.beans.factory.annotation.Autowired
	private FileService fileService;

	private SealdropPrincipal alice;

	private SealdropPrincipal bob;

	@BeforeEach
	void users() {
		this.alice = createUser(false);
		this.bob = createUser(false);
	}

	@Test
	void listShowsOnlyOwnFilesNewestFirst() throws Exception {
		String first = upload(this.alice, "first.txt");
		String second = upload(this.alice, "second.txt");
		upload(this.bob, "bobs.txt");
		this.mvc.perform(get("/api/v1/files").with(as(this.alice)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items.length()").value(2))
			.andExpect(jsonPath("$.items[0].id").value(second))
			.andExpect(jsonPath("$.items[1].id").value(first))
			.andExpect(jsonPath("$.totalItems").value(2));
	}

	@Test
	void listIsPaged() throws Exception {
		for (int i = 0; i < 3; i++) {
			upload(this.alice, "f" + i);
		}
		this.mvc.perform(get("/api/v1/files").param("page", "1").param("size", "2").with(as(this.alice)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items.length()").value(1))
			.andExpect(jsonPath("$.page").value(1))
			.andExpect(jsonPath("$.totalPages").value(2));
	}

	@Test
	void pageSizeOutOfRangeIsRejected() throws Exception {
		this.mvc.perform(get("/api/v1/files").param("size", "1000").with(as(this.alice)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value("urn:sealdrop:problem:validation-failed"));
	}

	@Test
	void ownFileIsDescribed() throws Exception {
		String id = upload(this.alice, "mine.txt");
		this.mvc.perform(get("/api/v1/files/" + id).with(as(this.alice)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.id").value(id))
			.andExpect(jsonPath("$.name").value("mine.txt"));
	}

	@Test
	void anotherUsersFileIsNotFound() throws Exception {
		String id = upload(this.alice, "private.txt");
		this.mvc.perform(get("/api/v1/files/" + id).with(as(this.bob)))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.type").value("urn:sealdrop:problem:not-found"));
	}

	@Test
	void unknownAndMalformedIdsAreNotFound() throws Exception {
		this.mvc.perform(get("/api/v1/files/00000000-0000-0000-0000-000000000000").with(as(this.alice)))
			.andExpect(status().isNotFound());
		this.mvc.perform(get("/api/v1/files/..%2F..%2Fetc").with(as(this.alice))).andExpect(status().is4xxClientError());
	}

	@Test
	void deleteRemovesRowAndBlob() throws Exception {
		String id = upload(this.alice, "gone.txt");
		Path blob = DATA_DIR.resolve("blobs").resolve(id.substring(0, 2)).resolve(id);
		assertThat(blob).exists();
		this.mvc.perform(delete("/api/v1/files/" + id).with(as(this.alice))).andExpect(status().isNoContent());
		assertThat(blob).doesNotExist();
		this.mvc.perform(get("/api/v1/files/" + id).with(as(this.alice))).andExpect(status().isNotFound());
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM file_chunks WHERE file_id = :id").param("id", id)
			.query(Long.class).single()).isZero();
	}

	@Test
	void deletingAnotherUsersFileIsNotFoundAndKeepsIt() throws Exception {
		String id = upload(this.alice, "keep.txt");
		this.mvc.perform(delete("/api/v1/files/" + id).with(as(this.bob))).andExpect(status().isNotFound());
		this.mvc.perform(get("/api/v1/files/" + id).with(as(this.alice))).andExpect(status().isOk());
	}

	@Test
	void administratorMayDeleteAnyFile() throws Exception {
		String id = upload(this.alice, "moderated.txt");
		this.mvc.perform(delete("/api/v1/files/" + id).with(as(createUser(true)))).andExpect(status().isNoContent());
		this.mvc.perform(get("/api/v1/files/" + id).with(as(this.alice))).andExpect(status().isNotFound());
	}

	@Test
	void deletingAllFilesOfAUserRemovesRowsAndBlobs() throws Exception {
		String a = upload(this.alice, "a.txt");
		String b = upload(this.alice, "b.txt");
		String bobs = upload(this.bob, "kept.txt");
		assertThat(this.fileService.deleteAllOwnedBy(this.alice.userId())).isEqualTo(2);
		for (String id : new String[] { a, b }) {
			assertThat(DATA_DIR.resolve("blobs").resolve(id.substring(0, 2)).resolve(id)).doesNotExist();
		}
		this.mvc.perform(get("/api/v1/files").with(as(this.alice))).andExpect(jsonPath("$.totalItems").value(0));
		this.mvc.perform(get("/api/v1/files/" + bobs).with(as(this.bob))).andExpect(status().isOk());
	}

	@Test
	void listNeedsAuthentication() throws Exception {
		this.mvc.perform(get("/api/v1/files")).andExpect(status().isUnauthorized());
	}

	private String upload(SealdropPrincipal owner, String name) throws Exception {
		byte[] archive = TestArchives.v1(serverKey(), name, TestArchives.content(100, name.hashCode()));
		String body = this.mvc.perform(post("/api/v1/files").with(as(owner))
			.contentType(MediaType.parseMediaType("application/zip")).content(archive))
			.andExpect(status().isCreated())
			.andReturn().getResponse().getContentAsString();
		JsonNode node = jsonOf(body);
		return node.get("id").asString();
	}

}
