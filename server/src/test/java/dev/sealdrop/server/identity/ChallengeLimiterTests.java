package dev.sealdrop.server.identity;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.sealdrop.server.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

class ChallengeLimiterTests {

	private final MutableClock clock = new MutableClock();

	@Test
	void aBurstThenTheRate() {
		ChallengeLimiter limiter = new ChallengeLimiter(60, 3, this.clock);
		for (int i = 0; i < 3; i++) {
			assertThat(limiter.acquire("a")).isEmpty();
		}
		assertThat(limiter.acquire("a")).hasValue(Duration.ofSeconds(1));
		this.clock.advance(Duration.ofMillis(400));
		assertThat(limiter.acquire("a")).hasValue(Duration.ofMillis(600));
		this.clock.advance(Duration.ofMillis(600));
		assertThat(limiter.acquire("a")).isEmpty();
		assertThat(limiter.acquire("a")).isPresent();
	}

	@Test
	void addressesHaveTheirOwnBuckets() {
		ChallengeLimiter limiter = new ChallengeLimiter(60, 1, this.clock);
		assertThat(limiter.acquire("a")).isEmpty();
		assertThat(limiter.acquire("a")).isPresent();
		assertThat(limiter.acquire("b")).isEmpty();
	}

	@Test
	void ipv6AddressesShareTheBucketOfTheirSlash64() {
		ChallengeLimiter limiter = new ChallengeLimiter(60, 1, this.clock);
		assertThat(limiter.acquire("2001:db8:1:2::1")).isEmpty();
		assertThat(limiter.acquire("2001:db8:1:2:ffff::9")).isPresent();
		assertThat(limiter.acquire("2001:db8:1:3::1")).isEmpty();
		assertThat(ChallengeLimiter.keyOf("2001:db8:1:2::1")).isEqualTo("20010db800010002::/64");
		assertThat(ChallengeLimiter.keyOf("192.0.2.1")).isEqualTo("192.0.2.1");
	}

	@Test
	void theBucketRefillsOnlyUpToTheBurst() {
		ChallengeLimiter limiter = new ChallengeLimiter(60, 2, this.clock);
		assertThat(limiter.acquire("a")).isEmpty();
		this.clock.advance(Duration.ofHours(1));
		assertThat(limiter.acquire("a")).isEmpty();
		assertThat(limiter.acquire("a")).isEmpty();
		assertThat(limiter.acquire("a")).isPresent();
	}

	@Test
	void zeroMeansNoLimit() {
		ChallengeLimiter limiter = new ChallengeLimiter(0, 1, this.clock);
		for (int i = 0; i < 1000; i++) {
			assertThat(limiter.acquire("a")).isEmpty();
		}
		assertThat(limiter.tracked()).isZero();
	}

	@Test
	void fullBucketsAreForgottenWhenTheTableGrows() {
		ChallengeLimiter limiter = new ChallengeLimiter(60, 1, this.clock);
		for (int i = 0; i <= 10_000; i++) {
			limiter.acquire("10.0." + (i / 256) + "." + (i % 256));
		}
		assertThat(limiter.tracked()).isEqualTo(10_001);
		this.clock.advance(Duration.ofMinutes(1));
		limiter.acquire("192.0.2.1");
		assertThat(limiter.tracked()).isEqualTo(1);
	}

	@Test
	void pruningRunsAtMostOnceASecondAndATableOfBusyAddressesIsCleared() {
		ChallengeLimiter limiter = new ChallengeLimiter(60, 2, this.clock);
		for (int i = 0; i <= 100_000; i++) {
			// one answer each: no bucket is full again within the second
			limiter.acquire("10." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255));
		}
		// the first prune at 10 001 entries found nothing to drop, and later ones were skipped
		assertThat(limiter.tracked()).isEqualTo(100_001);
		this.clock.advance(Duration.ofMillis(1500));
		limiter.acquire("192.0.2.1");
		// 1.5 s refills 1.5 of 2 tokens: still nothing full, so the table over 100 000 is cleared
		assertThat(limiter.tracked()).isEqualTo(1);
	}

}
