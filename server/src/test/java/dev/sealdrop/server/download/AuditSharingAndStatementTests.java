package dev.sealdrop.server.download;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import dev.sealdrop.format.Recipient;
import dev.sealdrop.format.trust.Certificates;
import dev.sealdrop.format.trust.ServerTrustVerifier;
import dev.sealdrop.format.trust.SignedKeyStatement;
import dev.sealdrop.server.security.SealdropPrincipal;
import dev.sealdrop.server.upload.TestArchives;

import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Audit, sharing and signed-key behaviour that lives in the files, keys, upload, tokens and security packages. */
class AuditSharingAndStatementTests extends DownloadTestSupport {

	@Test
	void serverKeyCarriesAStatementThatVerifiesAgainstThePinnedCa() throws Exception {
		X509Certificate ca = Certificates
			.parsePem(this.mvc.perform(get("/api/v1/server-key/ca.pem")).andReturn().getResponse().getContentAsString())
			.get(0);
		JsonNode key = jsonOf(this.mvc.perform(get("/api/v1/server-key")).andExpect(status().isOk()).andReturn()
			.getResponse().getContentAsString());
		List<X509Certificate> chain = new ArrayList<>();
		for (JsonNode pem : key.get("certificateChain")) {
			chain.addAll(Certificates.parsePem(pem.asString()));
		}
		SignedKeyStatement statement = new SignedKeyStatement(key.get("statement").get("text").asString(),
				key.get("statement").get("signature").asString());

		var verified = ServerTrustVerifier.pinningCertificate(ca, Clock.systemUTC()).verify(chain, statement,
				Recipient.fromPem(key.get("publicKeyPem").asString()));

		assertThat(verified.key().fingerprint().toString()).isEqualTo(key.get("fingerprint").asString());
	}

	@Test
	void granteeSeesSharedFileMetadataAndTheSharedList() throws Exception {
		SealdropPrincipal alice = createUser(false);
		SealdropPrincipal bob = createUser(false);
		String id = upload(alice, "for-bob.txt", TestArchives.content(1000, 2));
		this.mvc.perform(get("/api/v1/files/{id}", id).with(as(bob))).andExpect(status().isNotFound());
		this.mvc.perform(post("/api/v1/files/{id}/shares", id).with(as(alice)).contentType(MediaType.APPLICATION_JSON)
			.content(this.json.writeValueAsString(Map.of("username", bob.username())))).andExpect(status().isCreated());

		this.mvc.perform(get("/api/v1/files/{id}", id).with(as(bob))).andExpect(status().isOk())
			.andExpect(jsonPath("$.name").value("for-bob.txt"));
		this.mvc.perform(get("/api/v1/files").param("scope", "shared").with(as(bob))).andExpect(status().isOk())
			.andExpect(jsonPath("$.items", hasSize(1))).andExpect(jsonPath("$.items[0].id").value(id));
		this.mvc.perform(get("/api/v1/files").with(as(bob))).andExpect(jsonPath("$.items", hasSize(0)));
		this.mvc.perform(get("/api/v1/files").param("scope", "everything").with(as(bob)))
			.andExpect(status().isBadRequest());
		// sharing grants reading, not deleting
		this.mvc.perform(delete("/api/v1/files/{id}", id).with(as(bob))).andExpect(status().isNotFound());
	}

	@Test
	void uploadDeleteTokenAndRotationAreAudited() throws Exception {
		SealdropPrincipal alice = createUser(false);
		String id = upload(alice, "a", TestArchives.content(10, 3));
		this.mvc.perform(delete("/api/v1/files/{id}", id).with(as(alice))).andExpect(status().isNoContent());
		this.mvc.perform(post("/api/v1/tokens").with(as(alice)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"ci\"}")).andExpect(status().isCreated());

		assertThat(auditCount(alice.username(), "UPLOAD", "SUCCESS")).isEqualTo(1);
		assertThat(auditCount(alice.username(), "DELETE", "SUCCESS")).isEqualTo(1);
		assertThat(auditCount(alice.username(), "TOKEN_CREATE", "SUCCESS")).isEqualTo(1);
	}

	@Test
	void rejectedUploadsAreAuditedAsFailures() throws Exception {
		SealdropPrincipal alice = createUser(false);

		this.mvc.perform(post("/api/v1/files").with(as(alice)).contentType(ZIP).content(new byte[] { 1, 2, 3 }))
			.andExpect(status().is4xxClientError());

		assertThat(auditCount(alice.username(), "UPLOAD", "FAILURE")).isEqualTo(1);
	}

	@Test
	void keyRotationIsAudited() throws Exception {
		SealdropPrincipal admin = createUser(true);

		this.mvc.perform(post("/api/v1/admin/server-key/rotate").with(as(admin))).andExpect(status().isOk());

		assertThat(auditCount(admin.username(), "KEY_ROTATE", "SUCCESS")).isEqualTo(1);
	}

	@Test
	void wrongPasswordIsAuditedAsLoginFailed() throws Exception {
		SealdropPrincipal alice = createUser(false);
		String basic = Base64.getEncoder()
			.encodeToString((alice.username() + ":wrong password 12345").getBytes(StandardCharsets.UTF_8));

		this.mvc.perform(get("/api/v1/clients").header("Authorization", "Basic " + basic))
			.andExpect(status().isUnauthorized());

		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM audit_events WHERE actor = ? AND action = 'LOGIN_FAILED'")
			.param(alice.username()).query(Long.class).single()).isEqualTo(1);
	}

}
