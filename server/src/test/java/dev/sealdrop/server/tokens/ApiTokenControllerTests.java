package dev.sealdrop.server.tokens;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.UUID;

import dev.sealdrop.server.security.SealdropPrincipal;
import dev.sealdrop.server.upload.SealdropTestBase;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class ApiTokenControllerTests extends SealdropTestBase {

	private String create(SealdropPrincipal user, String name) throws Exception {
		return this.mvc
			.perform(post("/api/v1/tokens").with(httpBasic(user.username(), USER_PASSWORD))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"" + name + "\"}"))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	@Test
	void createReturnsTheSecretOnceInTheDocumentedFormat() throws Exception {
		SealdropPrincipal user = createUser(false);
		this.mvc
			.perform(post("/api/v1/tokens").with(httpBasic(user.username(), USER_PASSWORD))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"laptop\"}"))
			.andExpect(status().isCreated())
			.andExpect(header().string("Location", containsString("/api/v1/tokens/")))
			.andExpect(header().string("Cache-Control", containsString("no-store")))
			.andExpect(jsonPath("$.id").isNotEmpty())
			.andExpect(jsonPath("$.name").value("laptop"))
			.andExpect(jsonPath("$.token", matchesPattern("sdt_[A-Za-z0-9_-]{43}")))
			.andExpect(jsonPath("$.createdAt").isNotEmpty());
	}

	@Test
	void onlyTheSha256OfTheTokenIsStored() throws Exception {
		SealdropPrincipal user = createUser(false);
		String token = jsonOf(create(user, "ci")).get("token").asString();
		String expected = HexFormat.of()
			.formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
		var row = this.jdbc.sql("SELECT * FROM api_tokens WHERE user_id = ?").param(user.userId()).query().singleRow();
		assertThat(row.get("TOKEN_HASH")).isEqualTo(expected);
		assertThat(row.values()).noneMatch((value) -> value != null && value.toString().contains(token.substring(4)));
	}

	@Test
	void listShowsOnlyTheCallersTokensWithoutSecrets() throws Exception {
		SealdropPrincipal alice = createUser(false);
		SealdropPrincipal bob = createUser(false);
		String aliceToken = jsonOf(create(alice, "alice-1")).get("token").asString();
		create(bob, "bob-1");
		this.mvc.perform(get("/api/v1/tokens").with(httpBasic(alice.username(), USER_PASSWORD)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.length()").value(1))
			.andExpect(jsonPath("$[0].name").value("alice-1"))
			.andExpect(jsonPath("$[0].token").doesNotExist())
			.andExpect(content().string(not(containsString(aliceToken))));
	}

	@Test
	void useIsRecordedAsLastUsedAt() throws Exception {
		SealdropPrincipal user = createUser(false);
		String token = jsonOf(create(user, "used")).get("token").asString();
		this.mvc.perform(get("/api/v1/tokens").header("Authorization", "Bearer " + token))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[0].lastUsedAt").isNotEmpty());
	}

	@Test
	void revokedTokenDisappearsFromTheListAndStopsWorking() throws Exception {
		SealdropPrincipal user = createUser(false);
		var created = jsonOf(create(user, "gone"));
		this.mvc.perform(delete("/api/v1/tokens/" + created.get("id").asString())
			.with(httpBasic(user.username(), USER_PASSWORD))).andExpect(status().isNoContent());
		this.mvc.perform(get("/api/v1/tokens").with(httpBasic(user.username(), USER_PASSWORD)))
			.andExpect(jsonPath("$.length()").value(0));
		this.mvc.perform(get("/api/v1/tokens").header("Authorization", "Bearer " + created.get("token").asString())
			.with((request) -> {
				request.setRemoteAddr("192.0.2.150");
				return request;
			})).andExpect(status().isUnauthorized());
	}

	@Test
	void revokingTwiceIs404() throws Exception {
		SealdropPrincipal user = createUser(false);
		String id = jsonOf(create(user, "twice")).get("id").asString();
		this.mvc.perform(delete("/api/v1/tokens/" + id).with(httpBasic(user.username(), USER_PASSWORD)))
			.andExpect(status().isNoContent());
		this.mvc.perform(delete("/api/v1/tokens/" + id).with(httpBasic(user.username(), USER_PASSWORD)))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.type").value("urn:sealdrop:problem:not-found"));
	}

	@Test
	void revokingSomeoneElsesTokenIs404AndLeavesItWorking() throws Exception {
		SealdropPrincipal alice = createUser(false);
		SealdropPrincipal mallory = createUser(false);
		var created = jsonOf(create(alice, "mine"));
		this.mvc.perform(delete("/api/v1/tokens/" + created.get("id").asString())
			.with(httpBasic(mallory.username(), USER_PASSWORD))).andExpect(status().isNotFound());
		this.mvc.perform(get("/api/v1/users/me").header("Authorization", "Bearer " + created.get("token").asString()))
			.andExpect(status().isOk());
	}

	@Test
	void blankNameIs400() throws Exception {
		SealdropPrincipal user = createUser(false);
		this.mvc.perform(post("/api/v1/tokens").with(httpBasic(user.username(), USER_PASSWORD))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"  \"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("name"));
	}

	@Test
	void nameWithControlCharactersIs400() throws Exception {
		SealdropPrincipal user = createUser(false);
		this.mvc.perform(post("/api/v1/tokens").with(httpBasic(user.username(), USER_PASSWORD))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"a\\nb\"}")).andExpect(status().isBadRequest());
	}

	@Test
	void nameLongerThan64Is400() throws Exception {
		SealdropPrincipal user = createUser(false);
		this.mvc.perform(post("/api/v1/tokens").with(httpBasic(user.username(), USER_PASSWORD))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"" + "n".repeat(65) + "\"}")).andExpect(status().isBadRequest());
	}

	@Test
	void moreThanTheMaximumActiveTokensIs409() throws Exception {
		SealdropPrincipal user = createUser(false);
		for (int i = 0; i < 50; i++) {
			this.jdbc.sql("INSERT INTO api_tokens (id, user_id, name, token_hash, created_at) VALUES (?, ?, ?, ?, ?)")
				.params(UUID.randomUUID().toString(), user.userId(), "bulk" + i,
						HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8))),
						java.time.LocalDateTime.now())
				.update();
		}
		this.mvc.perform(post("/api/v1/tokens").with(httpBasic(user.username(), USER_PASSWORD))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"one too many\"}"))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.type").value("urn:sealdrop:problem:conflict"));
	}

	@Test
	void tokensNeedAuthentication() throws Exception {
		this.mvc.perform(get("/api/v1/tokens")).andExpect(status().isUnauthorized());
	}

}
