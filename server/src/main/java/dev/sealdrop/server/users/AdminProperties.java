package dev.sealdrop.server.users;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code sealdrop.admin.*}: the administrator created on first start.
 *
 * @param username the administrator's username
 * @param password the initial password ({@code SEALDROP_ADMIN_PASSWORD}); when absent a random one is
 * generated and logged once. Deliberately not validated by Bean Validation: binding failures print
 * the rejected value, and this one is a secret. {@link AdminBootstrap} checks it instead.
 */
@ConfigurationProperties("sealdrop.admin")
@Validated
record AdminProperties(
		@NotNull @Pattern(regexp = Usernames.PATTERN, message = Usernames.MESSAGE) @DefaultValue("admin") String username,
		String password) {

	@Override
	public String toString() {
		return "AdminProperties[username=" + this.username + ", password=" + ((this.password != null) ? "(set)" : "null")
				+ "]";
	}

}
