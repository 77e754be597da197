package dev.sealdrop.server.users;

import java.security.SecureRandom;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Creates the first administrator when the user table is empty (first start). Without a configured
 * {@code sealdrop.admin.password} it generates one and logs it exactly this once, as the only way to
 * hand it to the operator; later starts find users and do nothing, so the password never appears
 * again.
 */
@Component
@EnableConfigurationProperties(AdminProperties.class)
class AdminBootstrap implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

	/** 18 bytes = 144 bits, 24 base64url characters: easy to paste, impossible to guess. */
	private static final int GENERATED_PASSWORD_BYTES = 18;

	private final AdminProperties properties;

	private final UserRepository users;

	private final UserService userService;

	private final SecureRandom random = new SecureRandom();

	AdminBootstrap(AdminProperties properties, UserRepository users, UserService userService) {
		this.properties = properties;
		this.users = users;
		this.userService = userService;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (this.users.count() > 0) {
			return;
		}
		String configured = this.properties.password();
		if (configured != null && !configured.isEmpty()) {
			if (!Passwords.isValid(configured)) {
				throw new IllegalStateException("sealdrop.admin.password " + Passwords.MESSAGE);
			}
			this.userService.create(this.properties.username(), configured, true);
			log.info("Created the first administrator '{}' with the configured password", this.properties.username());
			return;
		}
		String generated = generatePassword();
		this.userService.create(this.properties.username(), generated, true);
		log.warn("""

				Created the first administrator '{}' with the generated password:

				    {}

				It is shown only this once. Sign in and change it (PUT /api/v1/users/me/password),
				or set SEALDROP_ADMIN_PASSWORD before the first start next time.
				""", this.properties.username(), generated);
	}

	private String generatePassword() {
		byte[] bytes = new byte[GENERATED_PASSWORD_BYTES];
		this.random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
