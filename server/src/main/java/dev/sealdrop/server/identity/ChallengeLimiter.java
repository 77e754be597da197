package dev.sealdrop.server.identity;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A token bucket per client address for the unauthenticated challenge endpoint: every answer costs
 * the server an ECDSA P-384 signature, so without a limit anyone could keep its CPU busy for free.
 * Each address gets {@code burst} answers at once and {@code perMinute} a minute after that. State is
 * in memory and per server instance. Full buckets carry no information and are dropped when the
 * table grows large (at most once a second, so pruning itself cannot be driven to eat the CPU); if
 * the table is still too large, which takes many addresses in the refill time (IPv6), it is cleared:
 * those addresses then start with full buckets again, which bounds memory at the cost of the limit.
 */
final class ChallengeLimiter {

	private static final int PRUNE_ABOVE = 10_000;

	private static final int CLEAR_ABOVE = 100_000;

	private static final long PRUNE_EVERY_NANOS = 1_000_000_000L;

	private record Bucket(double tokens, long atNanos) {
	}

	private final int perMinute;

	private final int burst;

	private final Clock clock;

	private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

	private final AtomicLong lastPrune = new AtomicLong(Long.MIN_VALUE);

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
		this.buckets.compute(keyOf(address), (key, bucket) -> {
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

	/**
	 * IPv6 addresses count by their /64: a subscriber usually gets a whole /64, so one bucket per
	 * address would give one client billions of buckets.
	 */
	static String keyOf(String address) {
		if (address == null || address.indexOf(':') < 0) {
			return String.valueOf(address);
		}
		try {
			byte[] bytes = java.net.InetAddress.getByName(address).getAddress();
			if (bytes.length != 16) {
				return address;
			}
			return java.util.HexFormat.of().formatHex(bytes, 0, 8) + "::/64";
		}
		catch (java.net.UnknownHostException ex) {
			// not a literal address; the container never gives one, but do not resolve names here
			return address;
		}
	}

	private double refilled(Bucket bucket, long now) {
		if (bucket == null) {
			return this.burst;
		}
		double added = (now - bucket.atNanos()) * this.perMinute / 60e9;
		return Math.min(this.burst, bucket.tokens() + added);
	}

	private void prune(long now) {
		if (this.buckets.size() <= PRUNE_ABOVE) {
			return;
		}
		long last = this.lastPrune.get();
		if (last != Long.MIN_VALUE && now - last < PRUNE_EVERY_NANOS || !this.lastPrune.compareAndSet(last, now)) {
			return;
		}
		this.buckets.entrySet().removeIf((entry) -> refilled(entry.getValue(), now) >= this.burst);
		if (this.buckets.size() > CLEAR_ABOVE) {
			this.buckets.clear();
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
