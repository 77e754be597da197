package dev.sealdrop.server.shares;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.sealdrop.format.Identity;
import dev.sealdrop.server.download.DownloadTestSupport;
import dev.sealdrop.server.files.FileView;
import dev.sealdrop.server.problem.ApiException;
import dev.sealdrop.server.security.SealdropPrincipal;
import dev.sealdrop.server.system.PageResponse;
import dev.sealdrop.server.upload.TestArchives;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class ShareControllerTests extends DownloadTestSupport {

	@Autowired
	private ShareService shares;

	private SealdropPrincipal alice;

	private SealdropPrincipal bob;

	private byte[] content;

	private String fileId;

	@BeforeEach
	void setUp() throws Exception {
		this.alice = createUser(false);
		this.bob = createUser(false);
		this.content = TestArchives.content(100_000, 7);
		this.fileId = upload(this.alice, "shared.bin", this.content);
	}

	private ResultActions share(SealdropPrincipal as, String fileId, String username) throws Exception {
		return this.mvc.perform(post("/api/v1/files/{id}/shares", fileId).with(as(as))
			.contentType(MediaType.APPLICATION_JSON).content(this.json.writeValueAsString(Map.of("username", username))));
	}

	private String shareId(String fileId, String username) throws Exception {
		String body = share(this.alice, fileId, username).andExpect(status().isCreated()).andReturn().getResponse()
			.getContentAsString();
		return jsonOf(body).get("id").asString();
	}

	@Test
	void ownerSharesAndListsShares() throws Exception {
		share(this.alice, this.fileId, this.bob.username()).andExpect(status().isCreated())
			.andExpect(header().string("Location", org.hamcrest.Matchers.startsWith("/api/v1/files/" + this.fileId + "/shares/")))
			.andExpect(jsonPath("$.username").value(this.bob.username()))
			.andExpect(jsonPath("$.createdAt").isString());

		this.mvc.perform(get("/api/v1/files/{id}/shares", this.fileId).with(as(this.alice))).andExpect(status().isOk())
			.andExpect(jsonPath("$", hasSize(1)))
			.andExpect(jsonPath("$[0].username").value(this.bob.username()));
		assertThat(auditCount(this.alice.username(), "SHARE", "SUCCESS")).isEqualTo(1);
	}

	@Test
	void granteeDownloadsToOwnClient() throws Exception {
		shareId(this.fileId, this.bob.username());
		Identity bobsKey = Identity.generate();
		String bobsClient = registerClient(this.bob, bobsKey);

		byte[] archive = this.mvc.perform(get("/api/v1/files/{id}/archive", this.fileId).param("client", bobsClient)
				.with(as(this.bob))).andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();

		assertThat(decrypt(archive, bobsKey)).isEqualTo(this.content);
	}

	@Test
	void granteeCannotUseTheOwnersClient() throws Exception {
		shareId(this.fileId, this.bob.username());
		String alicesClient = registerClient(this.alice, Identity.generate());

		this.mvc.perform(get("/api/v1/files/{id}/archive", this.fileId).param("client", alicesClient).with(as(this.bob)))
			.andExpect(status().isNotFound());
	}

	@Test
	void removedShareTakesAccessAway() throws Exception {
		String shareId = shareId(this.fileId, this.bob.username());
		String bobsClient = registerClient(this.bob, Identity.generate());

		this.mvc.perform(delete("/api/v1/files/{id}/shares/{share}", this.fileId, shareId).with(as(this.alice)))
			.andExpect(status().isNoContent());

		this.mvc.perform(get("/api/v1/files/{id}/archive", this.fileId).param("client", bobsClient).with(as(this.bob)))
			.andExpect(status().isNotFound());
		assertThat(auditCount(this.alice.username(), "UNSHARE", "SUCCESS")).isEqualTo(1);
	}

	@Test
	void nonOwnersCannotManageShares() throws Exception {
		shareId(this.fileId, this.bob.username());
		SealdropPrincipal carol = createUser(false);

		// not even the grantee
		share(this.bob, this.fileId, carol.username()).andExpect(status().isNotFound());
		this.mvc.perform(get("/api/v1/files/{id}/shares", this.fileId).with(as(this.bob))).andExpect(status().isNotFound());
		share(carol, this.fileId, this.bob.username()).andExpect(status().isNotFound())
			.andExpect(jsonPath("$.type").value("urn:sealdrop:problem:not-found"));
	}

	@Test
	void sharingWithAnUnknownUserIsNotFound() throws Exception {
		share(this.alice, this.fileId, "nobody-here").andExpect(status().isNotFound());
	}

	@Test
	void sharingWithOneselfIsAValidationError() throws Exception {
		share(this.alice, this.fileId, this.alice.username()).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value("urn:sealdrop:problem:validation-failed"));
	}

	@Test
	void sharingTwiceIsAConflict() throws Exception {
		shareId(this.fileId, this.bob.username());

		share(this.alice, this.fileId, this.bob.username()).andExpect(status().isConflict());
	}

	@Test
	void removingAnUnknownShareIsNotFound() throws Exception {
		this.mvc.perform(delete("/api/v1/files/{id}/shares/{share}", this.fileId, java.util.UUID.randomUUID())
			.with(as(this.alice))).andExpect(status().isNotFound());
	}

	@Test
	void sharedFilesArePagedForTheGrantee() throws Exception {
		shareId(this.fileId, this.bob.username());

		PageResponse<FileView> page = this.shares.sharedFiles(this.bob, 0, 10);

		assertThat(page.items()).extracting(FileView::id).containsExactly(this.fileId);
		assertThat(page.totalItems()).isEqualTo(1);
		assertThat(this.shares.sharedFiles(this.alice, 0, 10).items()).isEmpty();
	}

	@Test
	void readableFileIsOwnOrShared() throws Exception {
		assertThatExceptionOfType(ApiException.class).isThrownBy(() -> this.shares.readableFile(this.bob, this.fileId));
		shareId(this.fileId, this.bob.username());

		assertThat(this.shares.readableFile(this.bob, this.fileId).id()).isEqualTo(this.fileId);
		assertThat(this.shares.readableFile(this.alice, this.fileId).id()).isEqualTo(this.fileId);
	}

	@Test
	void deletingTheFileRemovesItsShares() throws Exception {
		shareId(this.fileId, this.bob.username());

		this.mvc.perform(delete("/api/v1/files/{id}", this.fileId).with(as(this.alice))).andExpect(status().isNoContent());

		assertThat(this.shares.sharedFiles(this.bob, 0, 10).totalItems()).isZero();
	}

}
