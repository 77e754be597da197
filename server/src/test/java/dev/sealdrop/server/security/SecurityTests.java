package dev.sealdrop.server.security;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import dev.sealdrop.server.upload.SealdropTestBase;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The HTTP security policy end to end: real Basic and Bearer authentication through the filter
 * chain. Tests that fail logins use their own remote address so they never throttle each other.
 */
class SecurityTests extends SealdropTestBase {

	private static final AtomicInteger addresses = new AtomicInteger(1);

	private static RequestPostProcessor fromNewAddress() {
		String address = "198.51.100." + addresses.getAndIncrement();
		return (request) -> {
			request.setRemoteAddr(address);
			return request;
		};
	}

	private static RequestPostProcessor from(String address) {
		return (request) -> {
			request.setRemoteAddr(address);
			return request;
		};
	}

	@Test
	void missingCredentialsAre401ProblemWithBasicAndBearerChallenges() throws Exception {
		this.mvc.perform(get("/api/v1/users/me"))
			.andExpect(status().isUnauthorized())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(header().stringValues("WWW-Authenticate", "Basic realm=\"sealdrop\", charset=\"UTF-8\"",
					"Bearer realm=\"sealdrop\""))
			.andExpect(jsonPath("$.type").value("urn:sealdrop:problem:unauthorized"))
			.andExpect(jsonPath("$.status").value(401))
			.andExpect(jsonPath("$.instance").value("/api/v1/users/me"));
	}

	@Test
	void wrongPasswordIs401() throws Exception {
		var user = createUser(false);
		this.mvc.perform(get("/api/v1/users/me").with(httpBasic(user.username(), "wrong password 123")).with(fromNewAddress()))
			.andExpect(status().isUnauthorized())
			.andExpect(jsonPath("$.type").value("urn:sealdrop:problem:unauthorized"));
	}

	@Test
	void unknownUserIs401WithTheSameDetailAsAWrongPassword() throws Exception {
		var user = createUser(false);
		String wrongPassword = this.mvc
			.perform(get("/api/v1/users/me").with(httpBasic(user.username(), "wrong password 123")).with(fromNewAddress()))
			.andReturn()
			.getResponse()
			.getContentAsString();
		this.mvc.perform(get("/api/v1/users/me").with(httpBasic("nobody-" + user.username(), "wrong password 123"))
			.with(fromNewAddress()))
			.andExpect(status().isUnauthorized())
			.andExpect(content().json(wrongPassword));
	}

	@Test
	void passwordLongerThanBcryptAcceptsIs401NotAnError() throws Exception {
		var user = createUser(false);
		this.mvc.perform(get("/api/v1/users/me").with(httpBasic(user.username(), "x".repeat(100))).with(fromNewAddress()))
			.andExpect(status().isUnauthorized());
	}

	@Test
	void correctBasicCredentialsAuthenticate() throws Exception {
		var user = createUser(false);
		this.mvc.perform(get("/api/v1/users/me").with(httpBasic(user.username(), USER_PASSWORD)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.username").value(user.username()))
			.andExpect(header().doesNotExist("Set-Cookie"));
	}

	@Test
	void disabledUserCannotSignInEvenWithTheRightPassword() throws Exception {
		var user = createUser(false);
		this.jdbc.sql("UPDATE users SET enabled = FALSE WHERE id = ?").param(user.userId()).update();
		this.mvc.perform(get("/api/v1/users/me").with(httpBasic(user.username(), USER_PASSWORD)).with(fromNewAddress()))
			.andExpect(status().isUnauthorized());
	}

	@Test
	void nonAdminGets403ProblemOnUserAdministration() throws Exception {
		var user = createUser(false);
		this.mvc.perform(get("/api/v1/users").with(httpBasic(user.username(), USER_PASSWORD)))
			.andExpect(status().isForbidden())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("urn:sealdrop:problem:forbidden"));
	}

	@Test
	void nonAdminGets403OnAdminEndpointsAndActuatorMetrics() throws Exception {
		var user = createUser(false);
		this.mvc.perform(post("/api/v1/admin/server-key/rotate").with(httpBasic(user.username(), USER_PASSWORD)))
			.andExpect(status().isForbidden());
		this.mvc.perform(get("/actuator/metrics").with(httpBasic(user.username(), USER_PASSWORD)))
			.andExpect(status().isForbidden());
		this.mvc.perform(get("/actuator/prometheus").with(httpBasic(user.username(), USER_PASSWORD)))
			.andExpect(status().isForbidden());
	}

	@Test
	void bearerTokenAuthenticatesAsItsOwner() throws Exception {
		var user = createUser(false);
		String token = createToken(user.username());
		this.mvc.perform(get("/api/v1/users/me").header("Authorization", "Bearer " + token))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.username").value(user.username()));
	}

	@Test
	void revokedTokenIs401WithInvalidTokenChallenge() throws Exception {
		var user = createUser(false);
		String token = createToken(user.username());
		String id = this.jdbc.sql("SELECT id FROM api_tokens WHERE token_hash = ?")
			.param(sha256(token))
			.query(String.class)
			.single();
		this.mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete("/api/v1/tokens/" + id)
			.with(httpBasic(user.username(), USER_PASSWORD))).andExpect(status().isNoContent());
		this.mvc.perform(get("/api/v1/users/me").header("Authorization", "Bearer " + token).with(fromNewAddress()))
			.andExpect(status().isUnauthorized())
			.andExpect(header().stringValues("WWW-Authenticate", org.hamcrest.Matchers.hasItem(
					"Bearer realm=\"sealdrop\", error=\"invalid_token\"")))
			.andExpect(jsonPath("$.type").value("urn:sealdrop:problem:unauthorized"));
	}

	@Test
	void tokenOfADisabledUserIs401() throws Exception {
		var user = createUser(false);
		String token = createToken(user.username());
		this.jdbc.sql("UPDATE users SET enabled = FALSE WHERE id = ?").param(user.userId()).update();
		this.mvc.perform(get("/api/v1/users/me").header("Authorization", "Bearer " + token).with(fromNewAddress()))
			.andExpect(status().isUnauthorized());
	}

	@Test
	void malformedAndUnknownTokensAre401() throws Exception {
		this.mvc.perform(get("/api/v1/users/me").header("Authorization", "Bearer not-a-token").with(fromNewAddress()))
			.andExpect(status().isUnauthorized());
		this.mvc.perform(get("/api/v1/users/me").header("Authorization", "Bearer sdt_" + "A".repeat(43))
			.with(fromNewAddress())).andExpect(status().isUnauthorized());
	}

	@Test
	void repeatedFailuresForOneUsernameAre429WithRetryAfterEvenWithTheRightPassword() throws Exception {
		var user = createUser(false);
		for (int i = 0; i < 5; i++) {
			this.mvc.perform(get("/api/v1/users/me").with(httpBasic(user.username(), "wrong password " + i))
				.with(fromNewAddress())).andExpect(status().isUnauthorized());
		}
		this.mvc.perform(get("/api/v1/users/me").with(httpBasic(user.username(), USER_PASSWORD)).with(fromNewAddress()))
			.andExpect(status().isTooManyRequests())
			.andExpect(header().string("Retry-After", "30"))
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("urn:sealdrop:problem:login-throttled"));
	}

	@Test
	void apiTokensKeepWorkingWhileTheUsernameIsLocked() throws Exception {
		var user = createUser(false);
		String token = createToken(user.username());
		for (int i = 0; i < 5; i++) {
			this.mvc.perform(get("/api/v1/users/me").with(httpBasic(user.username(), "wrong password " + i))
				.with(fromNewAddress()));
		}
		this.mvc.perform(get("/api/v1/users/me").header("Authorization", "Bearer " + token)).andExpect(status().isOk());
	}

	@Test
	void repeatedBadTokensFromOneAddressAre429() throws Exception {
		String address = "203.0.113.7";
		for (int i = 0; i < 20; i++) {
			this.mvc.perform(get("/api/v1/tokens").header("Authorization", "Bearer sdt_" + "B".repeat(43))
				.with(from(address))).andExpect(status().isUnauthorized());
		}
		this.mvc.perform(get("/api/v1/tokens").header("Authorization", "Bearer sdt_" + "B".repeat(43)).with(from(address)))
			.andExpect(status().isTooManyRequests())
			.andExpect(header().exists("Retry-After"));
	}

	@Test
	void validTokenWorksFromAnAddressLockedByFailedLogins() throws Exception {
		var user = createUser(false);
		String token = createToken(user.username());
		String address = "203.0.113.8";
		for (int i = 0; i < 20; i++) {
			this.mvc.perform(get("/api/v1/users/me").with(httpBasic("nobody" + i, "wrong password 123")).with(from(address)));
		}
		this.mvc.perform(get("/api/v1/users/me").with(httpBasic(user.username(), USER_PASSWORD)).with(from(address)))
			.andExpect(status().isTooManyRequests());
		this.mvc.perform(get("/api/v1/users/me").header("Authorization", "Bearer " + token).with(from(address)))
			.andExpect(status().isOk());
	}

	@Test
	void apiResponsesCarrySecurityHeaders() throws Exception {
		var user = createUser(false);
		this.mvc.perform(get("/api/v1/users/me").with(httpBasic(user.username(), USER_PASSWORD)))
			.andExpect(header().string("X-Content-Type-Options", "nosniff"))
			.andExpect(header().string("X-Frame-Options", "DENY"))
			.andExpect(header().string("Referrer-Policy", "no-referrer"))
			.andExpect(header().string("Content-Security-Policy", containsString("default-src 'none'")))
			.andExpect(header().string("Cache-Control", containsString("no-store")))
			// HSTS only over HTTPS: sending it over plain HTTP is ignored by browsers anyway.
			.andExpect(header().doesNotExist("Strict-Transport-Security"));
	}

	@Test
	void httpsResponsesCarryHsts() throws Exception {
		this.mvc.perform(get("/actuator/health").secure(true))
			.andExpect(header().string("Strict-Transport-Security", containsString("max-age=31536000")));
	}

	@Test
	void publicEndpointsNeedNoCredentials() throws Exception {
		this.mvc.perform(get("/actuator/health")).andExpect(status().isOk());
		this.mvc.perform(get("/actuator/health/liveness")).andExpect(status().isOk());
		this.mvc.perform(get("/actuator/info")).andExpect(status().isOk());
		this.mvc.perform(get("/v3/api-docs")).andExpect(status().isOk());
		this.mvc.perform(get("/api/v1/server-key")).andExpect(status().isOk());
		this.mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.head("/api/v1/server-key.pem"))
			.andExpect(status().isOk());
	}

	@Test
	void swaggerUiIsPublicAndNotBlockedByTheApiContentSecurityPolicy() throws Exception {
		this.mvc.perform(get("/swagger-ui/index.html"))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Security-Policy", nullValue()));
	}

	@Test
	void unknownApiPathIs401ForAnonymousAnd404ProblemForUsers() throws Exception {
		var user = createUser(false);
		this.mvc.perform(get("/api/v1/nothing-here")).andExpect(status().isUnauthorized());
		this.mvc.perform(get("/api/v1/nothing-here").with(httpBasic(user.username(), USER_PASSWORD)))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.type").value("urn:sealdrop:problem:not-found"));
	}

	private String createToken(String username) throws Exception {
		String body = this.mvc
			.perform(post("/api/v1/tokens").with(httpBasic(username, USER_PASSWORD))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"test " + UUID.randomUUID() + "\"}"))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		return jsonOf(body).get("token").asString();
	}

	static String sha256(String token) throws Exception {
		return java.util.HexFormat.of()
			.formatHex(java.security.MessageDigest.getInstance("SHA-256")
				.digest(token.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
	}

}
