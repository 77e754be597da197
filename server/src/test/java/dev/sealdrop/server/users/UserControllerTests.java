package dev.sealdrop.server.users;

import java.util.UUID;

import dev.sealdrop.server.security.SealdropPrincipal;
import dev.sealdrop.server.upload.SealdropTestBase;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class UserControllerTests extends SealdropTestBase {

	private static final RequestPostProcessor ADMIN = httpBasic("admin", ADMIN_PASSWORD);

	private static String uniqueName() {
		return "u" + UUID.randomUUID().toString().substring(0, 12);
	}

	private static MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder request, String body) {
		return request.contentType(MediaType.APPLICATION_JSON).content(body);
	}

	private String createViaApi(String username, boolean admin) throws Exception {
		String body = this.mvc
			.perform(json(post("/api/v1/users"), """
					{"username":"%s","password":"%s","admin":%s}""".formatted(username, USER_PASSWORD, admin))
				.with(ADMIN))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		return jsonOf(body).get("id").asString();
	}

	@Test
	void adminCreatesAUserThatCanSignIn() throws Exception {
		String username = uniqueName();
		this.mvc.perform(json(post("/api/v1/users"), """
				{"username":"%s","password":"%s"}""".formatted(username, USER_PASSWORD)).with(ADMIN))
			.andExpect(status().isCreated())
			.andExpect(header().string("Location", containsString("/api/v1/users/")))
			.andExpect(jsonPath("$.username").value(username))
			.andExpect(jsonPath("$.admin").value(false))
			.andExpect(jsonPath("$.enabled").value(true))
			.andExpect(jsonPath("$.password").doesNotExist())
			.andExpect(jsonPath("$.passwordHash").doesNotExist());
		this.mvc.perform(get("/api/v1/users/me").with(httpBasic(username, USER_PASSWORD)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.username").value(username));
	}

	@Test
	void storedPasswordIsABcryptHash() throws Exception {
		String id = createViaApi(uniqueName(), false);
		String hash = this.jdbc.sql("SELECT password_hash FROM users WHERE id = ?").param(id).query(String.class).single();
		assertThat(hash).startsWith("{bcrypt}$2").doesNotContain(USER_PASSWORD);
	}

	@Test
	void duplicateUsernameIs409() throws Exception {
		String username = uniqueName();
		createViaApi(username, false);
		this.mvc.perform(json(post("/api/v1/users"), """
				{"username":"%s","password":"%s"}""".formatted(username, USER_PASSWORD)).with(ADMIN))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.type").value("urn:sealdrop:problem:conflict"));
	}

	@Test
	void invalidUsernameIs400NamingTheField() throws Exception {
		this.mvc.perform(json(post("/api/v1/users"), """
				{"username":"Bad Name!","password":"%s"}""".formatted(USER_PASSWORD)).with(ADMIN))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value("urn:sealdrop:problem:validation-failed"))
			.andExpect(jsonPath("$.errors[*].field", hasItem("username")));
	}

	@Test
	void shortPasswordIs400AndIsNotEchoed() throws Exception {
		this.mvc.perform(json(post("/api/v1/users"), """
				{"username":"%s","password":"tooShort1"}""".formatted(uniqueName())).with(ADMIN))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field", hasItem("password")))
			.andExpect(content().string(org.hamcrest.Matchers.not(containsString("tooShort1"))));
	}

	@Test
	void passwordOver72BytesIs400() throws Exception {
		this.mvc.perform(json(post("/api/v1/users"), """
				{"username":"%s","password":"%s"}""".formatted(uniqueName(), "é".repeat(37))).with(ADMIN))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field", hasItem("password")));
	}

	@Test
	void missingFieldsAre400() throws Exception {
		this.mvc.perform(json(post("/api/v1/users"), "{}").with(ADMIN))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field", hasItem("username")))
			.andExpect(jsonPath("$.errors[*].field", hasItem("password")));
	}

	@Test
	void nonJsonBodyIs415() throws Exception {
		this.mvc.perform(post("/api/v1/users").contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.content("username=x")
			.with(ADMIN)).andExpect(status().isUnsupportedMediaType());
	}

	@Test
	void listIsPagedAndOrderedByUsername() throws Exception {
		createViaApi(uniqueName(), false);
		createViaApi(uniqueName(), false);
		this.mvc.perform(get("/api/v1/users").param("page", "0").param("size", "2").with(ADMIN))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items.length()").value(2))
			.andExpect(jsonPath("$.page").value(0))
			.andExpect(jsonPath("$.size").value(2))
			.andExpect(jsonPath("$.totalItems").isNumber())
			.andExpect(jsonPath("$.totalPages").isNumber());
	}

	@Test
	void pageSizeOver100Is400() throws Exception {
		this.mvc.perform(get("/api/v1/users").param("size", "101").with(ADMIN))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("size"));
	}

	@Test
	void negativePageIs400() throws Exception {
		this.mvc.perform(get("/api/v1/users").param("page", "-1").with(ADMIN)).andExpect(status().isBadRequest());
	}

	@Test
	void getReturnsTheUser() throws Exception {
		String username = uniqueName();
		String id = createViaApi(username, false);
		this.mvc.perform(get("/api/v1/users/" + id).with(ADMIN))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.id").value(id))
			.andExpect(jsonPath("$.username").value(username));
	}

	@Test
	void unknownUserIs404() throws Exception {
		this.mvc.perform(get("/api/v1/users/" + UUID.randomUUID()).with(ADMIN))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.type").value("urn:sealdrop:problem:not-found"));
	}

	@Test
	void disablingAUserStopsTheirSignIn() throws Exception {
		String username = uniqueName();
		String id = createViaApi(username, false);
		this.mvc.perform(json(patch("/api/v1/users/" + id), "{\"enabled\":false}").with(ADMIN))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.enabled").value(false));
		this.mvc.perform(get("/api/v1/users/me").with(httpBasic(username, USER_PASSWORD)).with((request) -> {
			request.setRemoteAddr("192.0.2.200");
			return request;
		})).andExpect(status().isUnauthorized());
	}

	@Test
	void resettingThePasswordReplacesTheOldOne() throws Exception {
		String username = uniqueName();
		String id = createViaApi(username, false);
		String newPassword = "brand new password 42";
		this.mvc.perform(json(patch("/api/v1/users/" + id), "{\"password\":\"%s\"}".formatted(newPassword)).with(ADMIN))
			.andExpect(status().isOk());
		this.mvc.perform(get("/api/v1/users/me").with(httpBasic(username, newPassword))).andExpect(status().isOk());
		this.mvc.perform(get("/api/v1/users/me").with(httpBasic(username, USER_PASSWORD)).with((request) -> {
			request.setRemoteAddr("192.0.2.201");
			return request;
		})).andExpect(status().isUnauthorized());
	}

	@Test
	void anAdministratorsPasswordResetRevokesTheUsersApiTokens() throws Exception {
		String username = uniqueName();
		String id = createViaApi(username, false);
		String token = jsonOf(this.mvc
			.perform(json(post("/api/v1/tokens"), "{\"name\":\"laptop\"}").with(httpBasic(username, USER_PASSWORD)))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString()).get("token").asString();
		this.mvc.perform(get("/api/v1/users/me").header("Authorization", "Bearer " + token)).andExpect(status().isOk());

		this.mvc.perform(json(patch("/api/v1/users/" + id), "{\"password\":\"a reset password 77\"}").with(ADMIN))
			.andExpect(status().isOk());

		this.mvc.perform(get("/api/v1/users/me").header("Authorization", "Bearer " + token))
			.andExpect(status().isUnauthorized());
	}

	@Test
	void deletingAUserDeletesTheirFilesAndEncryptedContents() throws Exception {
		String username = uniqueName();
		String id = createViaApi(username, false);
		byte[] archive = dev.sealdrop.server.upload.TestArchives.v1(serverKey(), "notes.txt",
				dev.sealdrop.server.upload.TestArchives.content(5000, 7));
		String fileId = jsonOf(this.mvc
			.perform(post("/api/v1/files").contentType("application/zip").content(archive)
				.with(httpBasic(username, USER_PASSWORD)))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString()).get("id").asString();
		java.nio.file.Path blob = DATA_DIR.resolve("blobs").resolve(fileId.substring(0, 2)).resolve(fileId);
		assertThat(blob).exists();

		this.mvc.perform(delete("/api/v1/users/" + id).with(ADMIN)).andExpect(status().isNoContent());

		assertThat(blob).doesNotExist();
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM files WHERE id = ?").param(fileId).query(Long.class).single())
			.isZero();
	}

	@Test
	void grantingAdminGivesAccessToUserAdministration() throws Exception {
		String username = uniqueName();
		String id = createViaApi(username, false);
		this.mvc.perform(json(patch("/api/v1/users/" + id), "{\"admin\":true}").with(ADMIN))
			.andExpect(jsonPath("$.admin").value(true));
		this.mvc.perform(get("/api/v1/users").with(httpBasic(username, USER_PASSWORD))).andExpect(status().isOk());
	}

	@Test
	void updateWithInvalidPasswordIs400() throws Exception {
		String id = createViaApi(uniqueName(), false);
		this.mvc.perform(json(patch("/api/v1/users/" + id), "{\"password\":\"short\"}").with(ADMIN))
			.andExpect(status().isBadRequest());
	}

	@Test
	void updateOfUnknownUserIs404() throws Exception {
		this.mvc.perform(json(patch("/api/v1/users/" + UUID.randomUUID()), "{\"enabled\":false}").with(ADMIN))
			.andExpect(status().isNotFound());
	}

	@Test
	void theLastEnabledAdministratorCannotBeDemotedOrDisabled() throws Exception {
		// Other tests create administrators; demote them so "admin" is the last one.
		this.jdbc.sql("UPDATE users SET admin = FALSE WHERE username <> 'admin'").update();
		String adminId = this.jdbc.sql("SELECT id FROM users WHERE username = 'admin'").query(String.class).single();
		this.mvc.perform(json(patch("/api/v1/users/" + adminId), "{\"admin\":false}").with(ADMIN))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.detail").value(containsString("last enabled administrator")));
		this.mvc.perform(json(patch("/api/v1/users/" + adminId), "{\"enabled\":false}").with(ADMIN))
			.andExpect(status().isConflict());
		this.mvc.perform(get("/api/v1/users/me").with(ADMIN)).andExpect(jsonPath("$.admin").value(true));
	}

	@Test
	void deleteRemovesTheUserAndTheirTokens() throws Exception {
		String username = uniqueName();
		String id = createViaApi(username, false);
		this.mvc.perform(json(post("/api/v1/tokens"), "{\"name\":\"t\"}").with(httpBasic(username, USER_PASSWORD)))
			.andExpect(status().isCreated());
		this.mvc.perform(delete("/api/v1/users/" + id).with(ADMIN)).andExpect(status().isNoContent());
		this.mvc.perform(get("/api/v1/users/" + id).with(ADMIN)).andExpect(status().isNotFound());
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM api_tokens WHERE user_id = ?").param(id).query(Long.class).single())
			.isZero();
	}

	@Test
	void deletingYourOwnAccountIs409() throws Exception {
		String adminId = this.jdbc.sql("SELECT id FROM users WHERE username = 'admin'").query(String.class).single();
		this.mvc.perform(delete("/api/v1/users/" + adminId).with(ADMIN))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.type").value("urn:sealdrop:problem:conflict"));
	}

	@Test
	void deletingAnUnknownUserIs404() throws Exception {
		this.mvc.perform(delete("/api/v1/users/" + UUID.randomUUID()).with(ADMIN)).andExpect(status().isNotFound());
	}

	@Test
	void meWorksForNonAdmins() throws Exception {
		SealdropPrincipal user = createUser(false);
		this.mvc.perform(get("/api/v1/users/me").with(httpBasic(user.username(), USER_PASSWORD)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.id").value(user.userId()))
			.andExpect(jsonPath("$.admin").value(false));
	}

	@Test
	void nonAdminCannotReadOtherUsers() throws Exception {
		SealdropPrincipal user = createUser(false);
		this.mvc.perform(get("/api/v1/users/" + user.userId()).with(httpBasic(user.username(), USER_PASSWORD)))
			.andExpect(status().isForbidden());
	}

	@Test
	void userChangesTheirOwnPassword() throws Exception {
		SealdropPrincipal user = createUser(false);
		String newPassword = "my new long password";
		this.mvc.perform(json(put("/api/v1/users/me/password"), """
				{"currentPassword":"%s","newPassword":"%s"}""".formatted(USER_PASSWORD, newPassword))
			.with(httpBasic(user.username(), USER_PASSWORD))).andExpect(status().isNoContent());
		this.mvc.perform(get("/api/v1/users/me").with(httpBasic(user.username(), newPassword))).andExpect(status().isOk());
	}

	@Test
	void wrongCurrentPasswordsAreThrottledLikeFailedSignIns() throws Exception {
		SealdropPrincipal user = createUser(false);
		RequestPostProcessor address = (request) -> {
			request.setRemoteAddr("192.0.2.210");
			return request;
		};
		for (int i = 0; i < 5; i++) {
			this.mvc.perform(json(put("/api/v1/users/me/password"), """
					{"currentPassword":"guess number %d","newPassword":"my new long password"}""".formatted(i))
				.with(as(user))
				.with(address)).andExpect(status().isBadRequest());
		}
		this.mvc.perform(json(put("/api/v1/users/me/password"), """
				{"currentPassword":"%s","newPassword":"my new long password"}""".formatted(USER_PASSWORD))
			.with(as(user))
			.with(address))
			.andExpect(status().isTooManyRequests())
			.andExpect(header().exists("Retry-After"))
			.andExpect(jsonPath("$.type").value("urn:sealdrop:problem:login-throttled"));
	}

	@Test
	void changingYourPasswordNeedsTheCurrentOne() throws Exception {
		SealdropPrincipal user = createUser(false);
		this.mvc.perform(json(put("/api/v1/users/me/password"), """
				{"currentPassword":"not my password","newPassword":"my new long password"}""")
			.with(httpBasic(user.username(), USER_PASSWORD)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value("urn:sealdrop:problem:validation-failed"));
	}

}
