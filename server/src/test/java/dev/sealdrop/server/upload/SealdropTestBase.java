package dev.sealdrop.server.upload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.sealdrop.format.Recipient;
import dev.sealdrop.server.security.SealdropPrincipal;
import dev.sealdrop.server.system.UtcTimestamps;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * The shared Spring context of the upload, files and server-key tests: a real server on a random
 * port over one temporary data directory (one context for all subclasses, so the suite starts it
 * once). Users are inserted directly; each test makes its own, so tests do not see each other's
 * files.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "sealdrop.admin.password=" + SealdropTestBase.ADMIN_PASSWORD })
@AutoConfigureMockMvc
public abstract class SealdropTestBase {

	public static final String ADMIN_PASSWORD = "admin test password 1234";

	public static final String USER_PASSWORD = "user test password 1234";

	protected static final Path DATA_DIR = createDataDir();

	@Autowired
	protected MockMvc mvc;

	@Autowired
	protected JdbcClient jdbc;

	@Autowired
	protected PasswordEncoder passwordEncoder;

	@Autowired
	protected JsonMapper json;

	@DynamicPropertySource
	static void dataDir(DynamicPropertyRegistry registry) {
		registry.add("sealdrop.data-dir", DATA_DIR::toString);
	}

	private static Path createDataDir() {
		try {
			Path dir = Files.createTempDirectory("sealdrop-test-");
			dir.toFile().deleteOnExit();
			return dir;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Inserts a user with {@link #USER_PASSWORD} and returns its principal. */
	protected SealdropPrincipal createUser(boolean admin) {
		String id = UUID.randomUUID().toString();
		String username = (admin ? "adm" : "usr") + id.substring(0, 8);
		this.jdbc.sql("""
				INSERT INTO users (id, username, password_hash, admin, enabled, created_at)
				VALUES (:id, :username, :hash, :admin, TRUE, :createdAt)""")
			.param("id", id)
			.param("username", username)
			.param("hash", this.passwordEncoder.encode(USER_PASSWORD))
			.param("admin", admin)
			.param("createdAt", UtcTimestamps.toDb(UtcTimestamps.now()))
			.update();
		return new SealdropPrincipal(id, username, admin);
	}

	protected static RequestPostProcessor as(SealdropPrincipal principal) {
		return authentication(UsernamePasswordAuthenticationToken.authenticated(principal, null,
				principal.admin() ? AuthorityUtils.createAuthorityList("ROLE_USER", "ROLE_ADMIN")
						: AuthorityUtils.createAuthorityList("ROLE_USER")));
	}

	/** The current server key, fetched through the API as a client would. */
	protected Recipient serverKey() throws Exception {
		String body = this.mvc.perform(get("/api/v1/server-key")).andReturn().getResponse().getContentAsString();
		JsonNode node = this.json.readTree(body);
		return Recipient.fromPem(node.get("publicKeyPem").asString());
	}

	protected JsonNode jsonOf(String body) {
		return this.json.readTree(body);
	}

}
