package dev.sealdrop.client.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetryPolicyTests {

	private final RetryPolicy policy = RetryPolicy.defaults()
		.withRandom(new Random(1))
		.withClock(Clock.fixed(Instant.parse("2026-11-23T06:00:00Z"), ZoneOffset.UTC));

	@Test
	void defaultsToFourAttempts() {
		assertThat(RetryPolicy.defaults().maxAttempts()).isEqualTo(4);
		assertThat(RetryPolicy.none().maxAttempts()).isEqualTo(1);
	}

	@Test
	void delaysStayUnderTheDoublingCeilingAndTheCap() {
		long[] ceilings = { 500, 1000, 2000, 4000, 8000, 8000, 8000 };
		for (int retry = 1; retry <= ceilings.length; retry++) {
			for (int i = 0; i < 200; i++) {
				assertThat(policy.delay(retry, null).toMillis()).isBetween(0L, ceilings[retry - 1]);
			}
		}
	}

	@Test
	void jitterSpreadsTheDelays() {
		Set<Duration> seen = new HashSet<>();
		for (int i = 0; i < 50; i++) {
			seen.add(policy.delay(3, null));
		}
		assertThat(seen).hasSizeGreaterThan(10);
	}

	@Test
	void retryAfterIsAMinimum() {
		for (int i = 0; i < 50; i++) {
			assertThat(policy.delay(1, Duration.ofSeconds(5))).isEqualTo(Duration.ofSeconds(5));
		}
	}

	@Test
	void parsesRetryAfterSeconds() {
		assertThat(policy.parseRetryAfter("120")).contains(Duration.ofSeconds(120));
		assertThat(policy.parseRetryAfter(" 0 ")).contains(Duration.ZERO);
	}

	@Test
	void parsesRetryAfterHttpDateAgainstTheClock() {
		assertThat(policy.parseRetryAfter("Mon, 23 Nov 2026 06:00:30 GMT")).contains(Duration.ofSeconds(30));
	}

	@Test
	void aRetryAfterDateInThePastMeansNow() {
		assertThat(policy.parseRetryAfter("Mon, 23 Nov 2026 05:00:00 GMT")).contains(Duration.ZERO);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "-1", "1.5", "soon", "12345678901", "Tue, 99 Nov 2026 06:00:30 GMT", "0x10" })
	void ignoresMalformedRetryAfter(String value) {
		assertThat(policy.parseRetryAfter(value)).isEmpty();
	}

	@Test
	void sleepsThroughTheInjectedSleeper() throws InterruptedException {
		RecordingSleeper sleeper = new RecordingSleeper();

		policy.withSleeper(sleeper).sleep(Duration.ofMillis(250));

		assertThat(sleeper.sleeps()).containsExactly(Duration.ofMillis(250));
	}

	@Test
	void rejectsNonsense() {
		assertThatThrownBy(() -> policy.withMaxAttempts(0)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> policy.withBackoff(Duration.ofMillis(-1), Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> policy.delay(0, null)).isInstanceOf(IllegalArgumentException.class);
	}

}
