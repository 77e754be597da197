package dev.sealdrop.server.security;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.sealdrop.server.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

class LoginThrottleTests {

	private final MutableClock clock = new MutableClock();

	private LoginThrottle throttle(boolean enabled, int maxTrackedKeys) {
		return new LoginThrottle(new SealdropSecurityProperties.LoginThrottle(enabled, 3, 10, Duration.ofSeconds(30),
				Duration.ofMinutes(2), Duration.ofHours(1), maxTrackedKeys), this.clock);
	}

	private final LoginThrottle throttle = throttle(true, 1000);

	@Test
	void usernameIsNotLockedBeforeTheLimit() {
		fail("alice", "10.0.0.1", 2);
		assertThat(this.throttle.lockedFor("alice", "10.0.0.1")).isEmpty();
	}

	@Test
	void usernameIsLockedForTheInitialLockoutAtTheLimit() {
		fail("alice", "10.0.0.1", 3);
		assertThat(this.throttle.lockedFor("alice", "10.0.0.2")).contains(Duration.ofSeconds(30));
	}

	@Test
	void lockoutIsCaseInsensitiveForUsernames() {
		fail("alice", "10.0.0.1", 3);
		assertThat(this.throttle.lockedFor("ALICE", "10.0.0.2")).isPresent();
	}

	@Test
	void lockoutEndsAfterItsDuration() {
		fail("alice", "10.0.0.1", 3);
		this.clock.advance(Duration.ofSeconds(30));
		assertThat(this.throttle.lockedFor("alice", "10.0.0.1")).isEmpty();
	}

	@Test
	void eachFurtherFailureDoublesTheLockoutUpToTheMaximum() {
		fail("alice", "10.0.0.1", 4);
		assertThat(this.throttle.lockedFor("alice", "10.0.0.9")).contains(Duration.ofSeconds(60));
		fail("alice", "10.0.0.1", 1);
		assertThat(this.throttle.lockedFor("alice", "10.0.0.9")).contains(Duration.ofSeconds(120));
		fail("alice", "10.0.0.1", 5);
		assertThat(this.throttle.lockedFor("alice", "10.0.0.9")).contains(Duration.ofMinutes(2));
	}

	@Test
	void addressIsLockedAcrossUsernames() {
		for (int i = 0; i < 10; i++) {
			this.throttle.recordFailure("user" + i, "10.0.0.1");
		}
		assertThat(this.throttle.lockedFor("someone-else", "10.0.0.1")).isPresent();
		assertThat(this.throttle.lockedFor("10.0.0.1")).isPresent();
		assertThat(this.throttle.lockedFor("someone-else", "10.0.0.2")).isEmpty();
	}

	@Test
	void bearerFailuresCountForTheAddressOnly() {
		for (int i = 0; i < 10; i++) {
			this.throttle.recordFailure("10.0.0.1");
		}
		assertThat(this.throttle.lockedFor("10.0.0.1")).isPresent();
	}

	@Test
	void successResetsTheUsernameButNotTheAddress() {
		fail("alice", "10.0.0.1", 2);
		this.throttle.recordSuccess("alice");
		fail("alice", "10.0.0.1", 2);
		assertThat(this.throttle.lockedFor("alice", "10.0.0.2")).isEmpty();
		fail("bob", "10.0.0.1", 2);
		fail("carol", "10.0.0.1", 2);
		// 2 + 2 + 2 + 2 = 8 address failures so far; two more lock the address.
		fail("dave", "10.0.0.1", 2);
		assertThat(this.throttle.lockedFor("10.0.0.1")).isPresent();
	}

	@Test
	void failuresAreForgottenAfterTheResetPeriod() {
		fail("alice", "10.0.0.1", 2);
		this.clock.advance(Duration.ofHours(1));
		fail("alice", "10.0.0.1", 1);
		assertThat(this.throttle.lockedFor("alice", "10.0.0.1")).isEmpty();
	}

	@Test
	void disabledThrottleNeverLocks() {
		LoginThrottle disabled = throttle(false, 1000);
		for (int i = 0; i < 50; i++) {
			disabled.recordFailure("alice", "10.0.0.1");
		}
		assertThat(disabled.lockedFor("alice", "10.0.0.1")).isEmpty();
	}

	@Test
	void floodOfFreshKeysDoesNotUnlockALockedUsername() {
		LoginThrottle small = throttle(true, 100);
		for (int i = 0; i < 3; i++) {
			small.recordFailure("alice", "10.0.0.1");
		}
		for (int i = 0; i < 500; i++) {
			small.recordFailure("spray" + i, "192.0.2." + (i % 200));
		}
		assertThat(small.lockedFor("alice", "10.9.9.9")).isPresent();
	}

	private void fail(String username, String address, int times) {
		for (int i = 0; i < times; i++) {
			this.throttle.recordFailure(username, address);
		}
	}

}
