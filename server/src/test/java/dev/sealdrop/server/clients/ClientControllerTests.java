package dev.sealdrop.server.clients;

import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.sealdrop.format.Identity;
import dev.sealdrop.server.download.DownloadTestSupport;
import dev.sealdrop.server.security.SealdropPrincipal;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class ClientControllerTests extends DownloadTestSupport {

	private SealdropPrincipal alice;

	@BeforeEach
	void createAlice() {
		this.alice = createUser(false);
	}

	private ResultActions register(SealdropPrincipal user, Object body) throws Exception {
		return this.mvc.perform(post("/api/v1/clients").with(as(user)).contentType(MediaType.APPLICATION_JSON)
			.content(this.json.writeValueAsString(body)));
	}

	@Test
	void registeringAPemKeyAnswers201WithIdAndFingerprint() throws Exception {
		Identity key = Identity.generate();

		register(this.alice, Map.of("name", "laptop", "publicKey", key.recipient().toPem()))
			.andExpect(status().isCreated())
			.andExpect(header().string("Location", org.hamcrest.Matchers.startsWith("/api/v1/clients/")))
			.andExpect(jsonPath("$.clientId").isString())
			.andExpect(jsonPath("$.name").value("laptop"))
			.andExpect(jsonPath("$.fingerprint").value(key.fingerprint().toString()))
			.andExpect(jsonPath("$.createdAt").isString())
			.andExpect(jsonPath("$.revokedAt").value(nullValue()));
		assertThat(auditCount(this.alice.username(), "CLIENT_REGISTER", "SUCCESS")).isEqualTo(1);
	}

	@Test
	void registeringAJwkKeyWorks() throws Exception {
		Identity key = Identity.generate();

		register(this.alice, Map.of("name", "phone", "publicKey", key.recipient().toJwk()))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.fingerprint").value(key.fingerprint().toString()));
	}

	@Test
	void aUserMayRegisterSeveralClients() throws Exception {
		registerClient(this.alice, Identity.generate());
		registerClient(this.alice, Identity.generate());

		this.mvc.perform(get("/api/v1/clients").with(as(this.alice))).andExpect(status().isOk())
			.andExpect(jsonPath("$", hasSize(2)));
	}

	@Test
	void aKeyNotOnTheCurveIsAnInvalidKey() throws Exception {
		byte[] point = Identity.generate().recipient().point();
		point[96] ^= 1;
		String jwk = "{\"kty\":\"EC\",\"crv\":\"P-384\",\"x\":\"" + b64url(point, 1) + "\",\"y\":\"" + b64url(point, 49)
				+ "\"}";

		register(this.alice, Map.of("name", "bad", "publicKey", jwk)).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value("urn:sealdrop:problem:invalid-key"));
	}

	@Test
	void aP256KeyIsAnInvalidKey() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp256r1"));
		String pem = "-----BEGIN PUBLIC KEY-----\n"
				+ Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(generator.generateKeyPair().getPublic().getEncoded())
				+ "\n-----END PUBLIC KEY-----\n";

		register(this.alice, Map.of("name", "p256", "publicKey", pem)).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value("urn:sealdrop:problem:invalid-key"));
	}

	@Test
	void garbageIsAnInvalidKey() throws Exception {
		register(this.alice, Map.of("name", "x", "publicKey", "hello")).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value("urn:sealdrop:problem:invalid-key"));
	}

	@Test
	void anOverlongKeyIsRefusedBeforeParsing() throws Exception {
		register(this.alice, Map.of("name", "x", "publicKey", "A".repeat(10_000))).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value("urn:sealdrop:problem:invalid-key"));
	}

	@Test
	void aMissingNameIsAValidationError() throws Exception {
		register(this.alice, Map.of("publicKey", Identity.generate().recipient().toPem()))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value("urn:sealdrop:problem:validation-failed"));
	}

	@Test
	void aNameWithControlCharactersIsAValidationError() throws Exception {
		register(this.alice, Map.of("name", "a\nb", "publicKey", Identity.generate().recipient().toPem()))
			.andExpect(status().isBadRequest());
	}

	@Test
	void aMissingKeyIsAValidationError() throws Exception {
		register(this.alice, Map.of("name", "x")).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value("urn:sealdrop:problem:validation-failed"));
	}

	@Test
	void registeringTheSameActiveKeyTwiceIsAConflict() throws Exception {
		String pem = Identity.generate().recipient().toPem();
		register(this.alice, Map.of("name", "a", "publicKey", pem)).andExpect(status().isCreated());

		register(this.alice, Map.of("name", "b", "publicKey", pem)).andExpect(status().isConflict());
	}

	@Test
	void theSameKeyRegisteredConcurrentlyMakesOneClient() throws Exception {
		String pem = Identity.generate().recipient().toPem();
		java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
		try {
			java.util.List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
			java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
			for (int i = 0; i < 8; i++) {
				answers.add(pool.submit(() -> {
					start.await();
					return register(this.alice, Map.of("name", "twin", "publicKey", pem)).andReturn().getResponse().getStatus();
				}));
			}
			start.countDown();
			java.util.List<Integer> statuses = new java.util.ArrayList<>();
			for (java.util.concurrent.Future<Integer> answer : answers) {
				statuses.add(answer.get());
			}
			assertThat(statuses).containsOnlyOnce(201).containsOnly(201, 409);
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void aRevokedKeyMayBeRegisteredAgain() throws Exception {
		Identity key = Identity.generate();
		String id = registerClient(this.alice, key);
		this.mvc.perform(delete("/api/v1/clients/{id}", id).with(as(this.alice))).andExpect(status().isNoContent());

		register(this.alice, Map.of("name", "again", "publicKey", key.recipient().toPem()))
			.andExpect(status().isCreated());
	}

	@Test
	void getShowsOwnClient() throws Exception {
		Identity key = Identity.generate();
		String id = registerClient(this.alice, key);

		this.mvc.perform(get("/api/v1/clients/{id}", id).with(as(this.alice))).andExpect(status().isOk())
			.andExpect(jsonPath("$.clientId").value(id))
			.andExpect(jsonPath("$.publicKey").value(key.recipient().toPem()));
	}

	@Test
	void anotherUsersClientIsNotFound() throws Exception {
		String id = registerClient(this.alice, Identity.generate());
		SealdropPrincipal bob = createUser(false);

		this.mvc.perform(get("/api/v1/clients/{id}", id).with(as(bob))).andExpect(status().isNotFound())
			.andExpect(jsonPath("$.type").value("urn:sealdrop:problem:not-found"));
		this.mvc.perform(delete("/api/v1/clients/{id}", id).with(as(bob))).andExpect(status().isNotFound());
		this.mvc.perform(get("/api/v1/clients").with(as(bob))).andExpect(jsonPath("$", hasSize(0)));
	}

	@Test
	void malformedIdsAreNotFound() throws Exception {
		this.mvc.perform(get("/api/v1/clients/{id}", "not-a-uuid").with(as(this.alice))).andExpect(status().isNotFound());
	}

	@Test
	void revokingMarksTheClientAndIsIdempotent() throws Exception {
		String id = registerClient(this.alice, Identity.generate());

		this.mvc.perform(delete("/api/v1/clients/{id}", id).with(as(this.alice))).andExpect(status().isNoContent());
		this.mvc.perform(delete("/api/v1/clients/{id}", id).with(as(this.alice))).andExpect(status().isNoContent());

		String body = this.mvc.perform(get("/api/v1/clients").with(as(this.alice))).andReturn().getResponse()
			.getContentAsString();
		JsonNode first = jsonOf(body).get(0);
		assertThat(first.get("revokedAt").isString()).isTrue();
		assertThat(auditCount(this.alice.username(), "CLIENT_REVOKE", "SUCCESS")).isEqualTo(1);
	}

	@Test
	void anonymousCallersAreUnauthorized() throws Exception {
		this.mvc.perform(get("/api/v1/clients")).andExpect(status().isUnauthorized());
	}

	private static String b64url(byte[] bytes, int from) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOfRange(bytes, from, from + 48));
	}

}
