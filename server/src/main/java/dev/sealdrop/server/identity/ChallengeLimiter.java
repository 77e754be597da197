package dev.sealdrop.server.identity;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per client address for the unauthenticated challenge endpoint: every answer costs
 * the server an ECDSA P-384 signature, so without a limit anyone could keep its CPU busy for free.
 * Each address gets {@code burst} answers at once and {@code perMinute} a minute after that. State is
 * in memory and per server instance; idle buckets are dropped once the table grows large.
 */
final class ChallengeLimiter {

	private static final int PRUNE_ABOVE = 10_000;

	private record Bucket(double tokens, long atNanos) {
	}

	private final int perMinute;

	private final int burst;

	private final Clock clock;

	private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

	ChallengeLimiter(int perMinute, int burst, Clock clock) {
		this.perMinute = perMinute;
		this.burst = burst;
		this.clock = clock;
	}

	/**
	 * Takes one answer for {@code address}.
	 * @return empty if allowed, else how long until the next answer is available
	 */
	Optional<Duration> acquire(String address) {
		if (this.perMinute == 0) {
			return Optional.empty();
		}
		long now = nanos();
		prune(now);
		Duration[] wait = new Duration[1];
		this.buckets.compute(address, (key, bucket) -> {
			double tokens = refilled(bucket, now);
			if (tokens >= 1) {
				return new Bucket(tokens - 1, now);
			}
			long nanosPerToken = 60_000_000_000L / this.perMinute;
			wait[0] = Duration.ofNanos((long) Math.ceil((1 - tokens) * nanosPerToken));
			return new Bucket(tokens, now);
		});
		return Optional.ofNullable(wait[0]);
	}

	private double refilled(Bucket bucket, long now) {
		if (bucket == null) {
			return this.burst;
		}
		double added = (now - bucket.atNanos()) * this.perMinute / 60e9;
		return Math.min(this.burst, bucket.tokens() + added);
	}

	// A full bucket carries no information: forget it when the table is large.
	private void prune(long now) {
		if (this.buckets.size() > PRUNE_ABOVE) {
			this.buckets.entrySet().removeIf((entry) -> refilled(entry.getValue(), now) >= this.burst);
		}
	}

	private long nanos() {
		java.time.Instant now = this.clock.instant();
		return now.getEpochSecond() * 1_000_000_000L + now.getNano();
	}

	int tracked() {
		return this.buckets.size();
	}

}
