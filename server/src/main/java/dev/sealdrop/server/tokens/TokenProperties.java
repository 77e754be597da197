package dev.sealdrop.server.tokens;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code sealdrop.tokens.*}.
 *
 * @param maxPerUser active (unrevoked) tokens a user may hold
 * @param lastUsedGranularity how stale {@code last_used_at} may get; bounds the writes an active
 * token causes to one per interval instead of one per request
 */
@ConfigurationProperties("sealdrop.tokens")
@Validated
record TokenProperties(@Min(1) @Max(10_000) @DefaultValue("50") int maxPerUser,
		@NotNull @DefaultValue("1m") Duration lastUsedGranularity) {
}
