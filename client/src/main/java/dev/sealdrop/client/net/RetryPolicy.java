package dev.sealdrop.client.net;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When and how long to wait before retrying: by default 4 attempts (3 retries), exponential backoff
 * from 500 ms doubling per retry, capped at 8 s, with full jitter (a uniformly random wait between
 * zero and the backoff, so many clients do not retry in lockstep). A server's Retry-After (seconds
 * or HTTP-date) is a minimum; one beyond {@link #maxRetryAfter()} (60 s by default) is not waited
 * for: the operation fails at once, saying what the server asked.
 *
 * <p>Which failures are retryable is the {@link ApiClient}'s decision; this class only does the
 * arithmetic and the waiting, through an injectable {@link Sleeper}, {@link Clock} and random
 * source so tests need not sleep. Immutable.
 */
public final class RetryPolicy {

	/** Waits; {@code Thread::sleep} in production, a recorder in tests. */
	@FunctionalInterface
	public interface Sleeper {

		void sleep(Duration duration) throws InterruptedException;

	}

	private static final Sleeper THREAD_SLEEP = duration -> Thread.sleep(duration.toMillis());

	private final int maxAttempts;

	private final Duration base;

	private final Duration cap;

	private final Duration maxRetryAfter;

	private final Sleeper sleeper;

	private final Clock clock;

	private final RandomGenerator random;

	private RetryPolicy(int maxAttempts, Duration base, Duration cap, Duration maxRetryAfter, Sleeper sleeper,
			Clock clock, RandomGenerator random) {
		if (maxAttempts < 1) {
			throw new IllegalArgumentException("maxAttempts must be at least 1");
		}
		if (base.isNegative() || cap.isNegative() || maxRetryAfter.isNegative()) {
			throw new IllegalArgumentException("durations must not be negative");
		}
		this.maxAttempts = maxAttempts;
		this.base = base;
		this.cap = cap;
		this.maxRetryAfter = maxRetryAfter;
		this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
		this.clock = Objects.requireNonNull(clock, "clock");
		this.random = Objects.requireNonNull(random, "random");
	}

	/** 4 attempts, 500 ms base, 8 s cap, Retry-After honoured up to 60 s. */
	public static RetryPolicy defaults() {
		return new RetryPolicy(4, Duration.ofMillis(500), Duration.ofSeconds(8), Duration.ofSeconds(60), THREAD_SLEEP,
				Clock.systemUTC(), new SecureRandom());
	}

	/** A single attempt, no retries. */
	public static RetryPolicy none() {
		return defaults().withMaxAttempts(1);
	}

	public RetryPolicy withMaxAttempts(int maxAttempts) {
		return new RetryPolicy(maxAttempts, base, cap, maxRetryAfter, sleeper, clock, random);
	}

	/** Backoff {@code base * 2^(retry-1)}, at most {@code cap}, before jitter. */
	public RetryPolicy withBackoff(Duration base, Duration cap) {
		return new RetryPolicy(maxAttempts, base, cap, maxRetryAfter, sleeper, clock, random);
	}

	public RetryPolicy withMaxRetryAfter(Duration maxRetryAfter) {
		return new RetryPolicy(maxAttempts, base, cap, maxRetryAfter, sleeper, clock, random);
	}

	public RetryPolicy withSleeper(Sleeper sleeper) {
		return new RetryPolicy(maxAttempts, base, cap, maxRetryAfter, sleeper, clock, random);
	}

	public RetryPolicy withClock(Clock clock) {
		return new RetryPolicy(maxAttempts, base, cap, maxRetryAfter, sleeper, clock, random);
	}

	public RetryPolicy withRandom(RandomGenerator random) {
		return new RetryPolicy(maxAttempts, base, cap, maxRetryAfter, sleeper, clock, random);
	}

	/** Total attempts, first one included. */
	public int maxAttempts() {
		return maxAttempts;
	}

	public Duration maxRetryAfter() {
		return maxRetryAfter;
	}

	/**
	 * The wait before retry number {@code retry} (1 for the second attempt): a uniformly random
	 * duration in {@code [0, min(cap, base * 2^(retry-1))]}, but at least {@code retryAfter}.
	 * @param retryAfter the server's Retry-After, or null
	 */
	public Duration delay(int retry, Duration retryAfter) {
		if (retry < 1) {
			throw new IllegalArgumentException("retry numbers start at 1");
		}
		long ceiling = base.toMillis();
		for (int i = 1; i < retry && ceiling < cap.toMillis(); i++) {
			ceiling *= 2;
		}
		ceiling = Math.min(ceiling, cap.toMillis());
		Duration jittered = Duration.ofMillis(ceiling == 0 ? 0 : random.nextLong(ceiling + 1));
		if (retryAfter != null && retryAfter.compareTo(jittered) > 0) {
			return retryAfter;
		}
		return jittered;
	}

	/** Waits through the sleeper. */
	public void sleep(Duration duration) throws InterruptedException {
		if (!duration.isZero()) {
			sleeper.sleep(duration);
		}
	}

	/**
	 * Parses a Retry-After header: delay-seconds (digits only) or an HTTP-date (IMF-fixdate, or the
	 * RFC 1123 forms the JDK accepts), relative to this policy's clock; a date in the past is zero.
	 * Anything else is ignored (empty), as RFC 9110 asks of unparseable values.
	 */
	public Optional<Duration> parseRetryAfter(String value) {
		if (value == null) {
			return Optional.empty();
		}
		String text = value.trim();
		if (text.matches("\\d{1,10}")) {
			return Optional.of(Duration.ofSeconds(Long.parseLong(text)));
		}
		try {
			Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
			Duration until = Duration.between(clock.instant(), at);
			return Optional.of(until.isNegative() ? Duration.ZERO : until);
		}
		catch (DateTimeParseException ex) {
			return Optional.empty();
		}
	}

	@Override
	public String toString() {
		return "RetryPolicy[maxAttempts=" + maxAttempts + ", base=" + base + ", cap=" + cap + ", maxRetryAfter="
				+ maxRetryAfter + "]";
	}

}
