package dev.sealdrop.server.keys;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import dev.sealdrop.format.Recipient;
import dev.sealdrop.server.security.SealdropPrincipal;
import dev.sealdrop.server.upload.SealdropTestBase;

import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class ServerKeyControllerTests extends SealdropTestBase {

	@Test
	void serverKeyIsPublicAndSelfConsistent() throws Exception {
		String body = this.mvc.perform(get("/api/v1/server-key"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.algorithm").value("ECDH-P384 (HPKE DHKEM 0x0011)"))
			.andExpect(jsonPath("$.jwk.kty").value("EC"))
			.andExpect(jsonPath("$.jwk.crv").value("P-384"))
			.andExpect(jsonPath("$.createdAt").exists())
			.andExpect(jsonPath("$.retiredKeys").isArray())
			.andReturn().getResponse().getContentAsString();
		JsonNode key = jsonOf(body);
		Recipient fromPem = Recipient.fromPem(key.get("publicKeyPem").asString());
		Recipient fromJwk = Recipient.fromJwk(key.get("jwk").toString());
		assertThat(fromJwk).isEqualTo(fromPem);
		assertThat(key.get("fingerprint").asString()).isEqualTo(fromPem.fingerprint().toString());
		assertThat(key.get("kid").asString()).isEqualTo(fromPem.fingerprint().kid());
	}

	@Test
	void pemEndpointServesTheSameKey() throws Exception {
		String json = this.mvc.perform(get("/api/v1/server-key")).andReturn().getResponse().getContentAsString();
		String pem = this.mvc.perform(get("/api/v1/server-key.pem"))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith("application/x-pem-file"))
			.andReturn().getResponse().getContentAsString();
		assertThat(pem).startsWith("-----BEGIN PUBLIC KEY-----");
		assertThat(Recipient.fromPem(pem).fingerprint().toString()).isEqualTo(jsonOf(json).get("fingerprint").asString());
	}

	@Test
	void pemEndpointAlsoServesTextPlain() throws Exception {
		this.mvc.perform(get("/api/v1/server-key.pem").accept(MediaType.TEXT_PLAIN))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_PLAIN));
	}

	@Test
	void rotationMakesANewCurrentKeyAndListsTheOldOneAsRetired() throws Exception {
		SealdropPrincipal admin = createUser(true);
		String before = jsonOf(this.mvc.perform(get("/api/v1/server-key")).andReturn().getResponse().getContentAsString())
			.get("kid").asString();
		String after = this.mvc.perform(post("/api/v1/admin/server-key/rotate").with(as(admin)))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		JsonNode rotated = jsonOf(after);
		assertThat(rotated.get("kid").asString()).isNotEqualTo(before);
		assertThat(rotated.get("retiredKeys").findValuesAsString("kid")).contains(before);
		JsonNode retired = rotated.get("retiredKeys").get(0);
		assertThat(retired.get("unwrapUntil").asString()).isNotEmpty();
		assertThat(DATA_DIR.resolve("keys").resolve("server-" + rotated.get("kid").asString() + ".pem")).exists();
	}

	@Test
	void rotationNeedsAnAdministrator() throws Exception {
		this.mvc.perform(post("/api/v1/admin/server-key/rotate").with(as(createUser(false))))
			.andExpect(status().isForbidden());
	}

	@Test
	void rotationNeedsAuthentication() throws Exception {
		this.mvc.perform(post("/api/v1/admin/server-key/rotate")).andExpect(status().isUnauthorized());
	}

}
