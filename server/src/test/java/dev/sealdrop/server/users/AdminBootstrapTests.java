package dev.sealdrop.server.users;

import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The first-start administrator, against a real (in-memory H2) database migrated by Flyway. Each
 * {@link #start} is what one server start does; two starts share the database like two runs share
 * the data directory.
 */
@ExtendWith(OutputCaptureExtension.class)
class AdminBootstrapTests {

	private static final Pattern GENERATED = Pattern.compile("generated password:\\s+(\\S+)");

	private final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();

	private final UserRepository users = new UserRepository(JdbcClient.create(migratedDatabase()));

	private static DataSource migratedDatabase() {
		DriverManagerDataSource dataSource = new DriverManagerDataSource(
				"jdbc:h2:mem:bootstrap-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
		Flyway.configure().dataSource(dataSource).placeholderReplacement(false).load().migrate();
		return dataSource;
	}

	/** Bootstrap only creates users: no authentication manager, files or tokens are involved. */
	private UserService userService() {
		return new UserService(this.users, this.encoder, (authentication) -> {
			throw new UnsupportedOperationException();
		}, null, null);
	}

	private void start(String username, String password) {
		new AdminBootstrap(new AdminProperties(username, password), this.users,
				userService()).run(null);
	}

	@Test
	void firstStartWithoutPasswordCreatesAdminAndLogsAWorkingGeneratedPasswordOnce(CapturedOutput output) {
		start("admin", null);
		Matcher matcher = GENERATED.matcher(output.getAll());
		assertThat(matcher.find()).isTrue();
		String generated = matcher.group(1);
		assertThat(generated).hasSize(24);
		User admin = this.users.findByUsername("admin").orElseThrow();
		assertThat(admin.admin()).isTrue();
		assertThat(admin.enabled()).isTrue();
		assertThat(this.encoder.matches(generated, admin.passwordHash())).isTrue();
		assertThat(matcher.find()).as("logged only once").isFalse();
	}

	@Test
	void secondStartDoesNotLogThePasswordAgain(CapturedOutput output) {
		start("admin", null);
		int lengthAfterFirstStart = output.getAll().length();
		start("admin", null);
		String secondStart = output.getAll().substring(lengthAfterFirstStart);
		assertThat(secondStart).doesNotContain("password");
		assertThat(this.users.count()).isEqualTo(1);
	}

	@Test
	void configuredPasswordIsUsedAndNeverLogged(CapturedOutput output) {
		String configured = "configured admin password";
		start("root", configured);
		User root = this.users.findByUsername("root").orElseThrow();
		assertThat(this.encoder.matches(configured, root.passwordHash())).isTrue();
		assertThat(output.getAll()).doesNotContain(configured).doesNotContain("generated password");
	}

	@Test
	void existingUsersPreventBootstrapEvenIfTheAdminWasDeleted(CapturedOutput output) {
		userService().create("alice", "alice password 1234", false);
		start("admin", null);
		assertThat(this.users.findByUsername("admin")).isEmpty();
		assertThat(output.getAll()).doesNotContain("generated password");
	}

	@Test
	void tooShortConfiguredPasswordFailsStartWithoutRevealingIt(CapturedOutput output) {
		assertThatIllegalStateException().isThrownBy(() -> start("admin", "short-pw"))
			.withMessageContaining("sealdrop.admin.password")
			.withMessageNotContaining("short-pw");
		assertThat(output.getAll()).doesNotContain("short-pw");
		assertThat(this.users.count()).isZero();
	}

	@Test
	void propertiesToStringHidesThePassword() {
		assertThat(new AdminProperties("admin", "hidden password 123")).asString().doesNotContain("hidden password 123");
	}

}
