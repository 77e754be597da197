package dev.sealdrop.server.security;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code sealdrop.security.*}.
 *
 * @param prometheusPublic whether {@code /actuator/prometheus} is open without authentication (for
 * scrapers on a trusted network); otherwise it needs an administrator
 * @param loginThrottle failed-login throttling
 */
@ConfigurationProperties("sealdrop.security")
@Validated
record SealdropSecurityProperties(@DefaultValue("false") boolean prometheusPublic,
		@Valid @NotNull @DefaultValue LoginThrottle loginThrottle) {

	/**
	 * After {@code maxFailures...} consecutive failures a username or remote address is locked for
	 * {@code initialLockout}; every further failure doubles the lockout up to {@code maxLockout}.
	 * State is forgotten after {@code resetAfter} without failures and kept in memory only.
	 */
	record LoginThrottle(@DefaultValue("true") boolean enabled,
			@Min(1) @Max(1000) @DefaultValue("5") int maxFailuresPerUsername,
			@Min(1) @Max(100_000) @DefaultValue("20") int maxFailuresPerAddress,
			@NotNull @DefaultValue("30s") Duration initialLockout, @NotNull @DefaultValue("15m") Duration maxLockout,
			@NotNull @DefaultValue("1h") Duration resetAfter,
			@Min(100) @Max(10_000_000) @DefaultValue("100000") int maxTrackedKeys) {
	}

}
