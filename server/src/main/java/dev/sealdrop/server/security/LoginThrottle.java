package dev.sealdrop.server.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed logins per username and per remote address and locks either out with an
 * exponentially growing lockout. A locked key is refused before the password is even checked, so
 * guessing stays impossible while locked. Thread-safe; memory is bounded by
 * {@code maxTrackedKeys}.
 * <p>
 * A success resets the username's count but not the address's: otherwise an attacker holding one
 * valid account could keep resetting the counter of the address they guess from.
 */
final class LoginThrottle {

	private record Entry(int failures, Instant lockedUntil, Instant lastFailure) {
	}

	private final SealdropSecurityProperties.LoginThrottle settings;

	private final Clock clock;

	private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

	LoginThrottle(SealdropSecurityProperties.LoginThrottle settings, Clock clock) {
		this.settings = settings;
		this.clock = clock;
	}

	/** How long the username or the address is still locked, whichever is longer. */
	Optional<Duration> lockedFor(String username, String address) {
		Duration user = remaining(userKey(username));
		Duration addr = remaining(addressKey(address));
		Duration longest = (user.compareTo(addr) >= 0) ? user : addr;
		return longest.isZero() ? Optional.empty() : Optional.of(longest);
	}

	Optional<Duration> lockedFor(String address) {
		Duration addr = remaining(addressKey(address));
		return addr.isZero() ? Optional.empty() : Optional.of(addr);
	}

	void recordFailure(String username, String address) {
		fail(userKey(username), this.settings.maxFailuresPerUsername());
		recordFailure(address);
	}

	void recordFailure(String address) {
		fail(addressKey(address), this.settings.maxFailuresPerAddress());
	}

	void recordSuccess(String username) {
		this.entries.remove(userKey(username));
	}

	private Duration remaining(String key) {
		if (!this.settings.enabled()) {
			return Duration.ZERO;
		}
		Entry entry = this.entries.get(key);
		Instant now = this.clock.instant();
		if (entry == null || entry.lockedUntil() == null || !entry.lockedUntil().isAfter(now)) {
			return Duration.ZERO;
		}
		return Duration.between(now, entry.lockedUntil());
	}

	private void fail(String key, int maxFailures) {
		if (!this.settings.enabled()) {
			return;
		}
		Instant now = this.clock.instant();
		if (this.entries.size() >= this.settings.maxTrackedKeys() && !this.entries.containsKey(key)) {
			evict(now);
		}
		this.entries.compute(key, (k, previous) -> {
			int failures = (previous == null || expired(previous, now)) ? 1 : previous.failures() + 1;
			Instant lockedUntil = (failures >= maxFailures) ? now.plus(lockout(failures - maxFailures)) : null;
			return new Entry(failures, lockedUntil, now);
		});
	}

	/** initialLockout * 2^excess, capped at maxLockout. */
	private Duration lockout(int excess) {
		Duration lockout = this.settings.initialLockout();
		for (int i = 0; i < excess && lockout.compareTo(this.settings.maxLockout()) < 0; i++) {
			lockout = lockout.multipliedBy(2);
		}
		return (lockout.compareTo(this.settings.maxLockout()) > 0) ? this.settings.maxLockout() : lockout;
	}

	private boolean expired(Entry entry, Instant now) {
		Instant forgetAt = entry.lastFailure().plus(this.settings.resetAfter());
		if (entry.lockedUntil() != null && entry.lockedUntil().isAfter(forgetAt)) {
			forgetAt = entry.lockedUntil();
		}
		return !forgetAt.isAfter(now);
	}

	/**
	 * Makes room: first forget expired entries; if an attacker floods with fresh keys, drop unlocked
	 * ones. Locked entries are kept so a flood cannot unlock the key under attack.
	 */
	private void evict(Instant now) {
		this.entries.values().removeIf((entry) -> expired(entry, now));
		if (this.entries.size() >= this.settings.maxTrackedKeys()) {
			this.entries.values()
				.removeIf((entry) -> entry.lockedUntil() == null || !entry.lockedUntil().isAfter(now));
		}
	}

	private static String userKey(String username) {
		String normalized = (username != null) ? username.toLowerCase(Locale.ROOT) : "";
		// Bounded so arbitrary client input cannot make keys large.
		return "u:" + ((normalized.length() > 64) ? normalized.substring(0, 64) : normalized);
	}

	private static String addressKey(String address) {
		return "a:" + ((address != null) ? address : "unknown");
	}

}
