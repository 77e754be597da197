package dev.sealdrop.server.download;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.sealdrop.server.security.SealdropPrincipal;
import dev.sealdrop.server.system.UtcTimestamps;
import dev.sealdrop.server.upload.TestArchives;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Its own context: the only one with {@code sealdrop.download.plaintext-enabled=true}. */
@SpringBootTest(properties = "sealdrop.download.plaintext-enabled=true")
@AutoConfigureMockMvc
class PlaintextEnabledTests {

	private static final Path DATA_DIR = createDataDir();

	@Autowired
	private MockMvc mvc;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private JsonMapper json;

	@DynamicPropertySource
	static void dataDir(DynamicPropertyRegistry registry) {
		registry.add("sealdrop.data-dir", DATA_DIR::toString);
	}

	private static Path createDataDir() {
		try {
			return Files.createTempDirectory("sealdrop-plaintext-test-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Test
	void ownerGetsTheExactPlaintextWithItsName() throws Exception {
		SealdropPrincipal alice = user();
		byte[] content = TestArchives.content(150_000, 5);
		String id = upload(alice, content);

		MockHttpServletResponse response = this.mvc.perform(get("/api/v1/files/{id}/content", id).with(as(alice)))
			.andExpect(status().isOk()).andReturn().getResponse();

		assertThat(response.getContentAsByteArray()).isEqualTo(content);
		assertThat(response.getHeader("Content-Length")).isEqualTo("150000");
		assertThat(response.getHeader("Content-Disposition")).contains("filename*=UTF-8''na%C3%AFve%20report.pdf");
		assertThat(response.getContentType()).isEqualTo("application/octet-stream");
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM audit_events WHERE actor = ? AND detail = 'plaintext'")
			.param(alice.username()).query(Long.class).single()).isEqualTo(1);
	}

	@Test
	void emptyFileIsEmpty() throws Exception {
		SealdropPrincipal alice = user();
		String id = upload(alice, new byte[0]);

		assertThat(this.mvc.perform(get("/api/v1/files/{id}/content", id).with(as(alice))).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsByteArray()).isEmpty();
	}

	@Test
	void otherUsersGetNotFound() throws Exception {
		String id = upload(user(), TestArchives.content(10, 1));

		this.mvc.perform(get("/api/v1/files/{id}/content", id).with(as(user()))).andExpect(status().isNotFound());
	}

	@Test
	void plaintextIsNeverWrittenToTheDataDirectory() throws Exception {
		SealdropPrincipal alice = user();
		byte[] content = TestArchives.content(70_000, 9);
		String id = upload(alice, content);

		this.mvc.perform(get("/api/v1/files/{id}/content", id).with(as(alice))).andExpect(status().isOk());

		byte[] probe = java.util.Arrays.copyOfRange(content, 1000, 1064);
		try (var files = Files.walk(DATA_DIR)) {
			for (Path file : files.filter(Files::isRegularFile).filter(p -> !p.toString().contains("/db/")).toList()) {
				assertThat(containsSequence(Files.readAllBytes(file), probe)).as(file.toString()).isFalse();
			}
		}
	}

	private static boolean containsSequence(byte[] haystack, byte[] needle) {
		for (int i = 0; i + needle.length <= haystack.length; i++) {
			if (java.util.Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
				return true;
			}
		}
		return false;
	}

	private String upload(SealdropPrincipal owner, byte[] content) throws Exception {
		String key = this.mvc.perform(get("/api/v1/server-key")).andReturn().getResponse().getContentAsString();
		dev.sealdrop.format.Recipient server = dev.sealdrop.format.Recipient
			.fromPem(this.json.readTree(key).get("publicKeyPem").asString());
		byte[] archive = TestArchives.v1(server, "na\u00efve report.pdf", content);
		String body = this.mvc.perform(post("/api/v1/files").with(as(owner))
				.contentType(MediaType.parseMediaType("application/zip")).content(archive))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		return this.json.readTree(body).get("id").asString();
	}

	private SealdropPrincipal user() {
		String id = UUID.randomUUID().toString();
		String username = "usr" + id.substring(0, 8);
		this.jdbc.sql("INSERT INTO users (id, username, password_hash, admin, enabled, created_at)"
				+ " VALUES (?, ?, '{noop}unused-password', FALSE, TRUE, ?)")
			.params(id, username, UtcTimestamps.toDb(UtcTimestamps.now()))
			.update();
		return new SealdropPrincipal(id, username, false);
	}

	private static RequestPostProcessor as(SealdropPrincipal principal) {
		return authentication(UsernamePasswordAuthenticationToken.authenticated(principal, null,
				AuthorityUtils.createAuthorityList("ROLE_USER")));
	}

}
