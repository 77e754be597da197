package dev.sealdrop.server.download;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;

import tools.jackson.databind.JsonNode;

import dev.sealdrop.format.DecryptingInputStream;
import dev.sealdrop.format.Identity;
import dev.sealdrop.format.Sealdrop;
import dev.sealdrop.server.security.SealdropPrincipal;
import dev.sealdrop.server.upload.SealdropTestBase;
import dev.sealdrop.server.upload.TestArchives;

import org.springframework.http.MediaType;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Helpers for the issue 4 tests (clients, downloads, shares, audit, identity). Extends the shared
 * upload test base, so every test class runs in the same Spring context over one temporary data
 * directory.
 */
public abstract class DownloadTestSupport extends SealdropTestBase {

	protected static final MediaType ZIP = MediaType.parseMediaType("application/zip");

	/** Uploads {@code content} (64 KiB chunks) as {@code owner} and returns the file id. */
	protected String upload(SealdropPrincipal owner, String name, byte[] content) throws Exception {
		byte[] archive = TestArchives.v1(serverKey(), name, content);
		String body = this.mvc.perform(post("/api/v1/files").with(as(owner)).contentType(ZIP).content(archive))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		return jsonOf(body).get("id").asString();
	}

	/** Registers {@code key}'s public key as a client of {@code user} and returns the client id. */
	protected String registerClient(SealdropPrincipal user, Identity key) throws Exception {
		JsonNode body = registerClientJson(user, "laptop", key.recipient().toPem());
		return body.get("clientId").asString();
	}

	protected JsonNode registerClientJson(SealdropPrincipal user, String name, String publicKey) throws Exception {
		String request = this.json.writeValueAsString(java.util.Map.of("name", name, "publicKey", publicKey));
		String body = this.mvc
			.perform(post("/api/v1/clients").with(as(user)).contentType(MediaType.APPLICATION_JSON).content(request))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		return jsonOf(body);
	}

	/** Decrypts a whole archive with {@code key}, checking everything the reader checks. */
	protected static byte[] decrypt(byte[] archive, Identity key) throws IOException {
		try (DecryptingInputStream in = Sealdrop.decrypt(new ByteArrayInputStream(archive), List.of(key))) {
			return in.readAllBytes();
		}
	}

	protected long auditCount(String actor, String action, String outcome) {
		return this.jdbc.sql("SELECT COUNT(*) FROM audit_events WHERE actor = ? AND action = ? AND outcome = ?")
			.params(actor, action, outcome)
			.query(Long.class)
			.single();
	}

}
