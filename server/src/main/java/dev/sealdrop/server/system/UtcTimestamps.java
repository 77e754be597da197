package dev.sealdrop.server.system;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Converts between {@link Instant} and the portable SQL {@code TIMESTAMP} (no time zone) columns,
 * which always hold UTC. Going through {@link LocalDateTime} keeps the JVM and database time zones
 * out of the picture on every supported database.
 */
public final class UtcTimestamps {

	private UtcTimestamps() {
	}

	/** To a column value, truncated to milliseconds (every supported database keeps those). */
	public static LocalDateTime toDb(Instant instant) {
		return (instant != null) ? LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC)
				: null;
	}

	public static Instant fromDb(LocalDateTime value) {
		return (value != null) ? value.toInstant(ZoneOffset.UTC) : null;
	}

	/** The current time as stored in the database. */
	public static Instant now() {
		return Instant.now().truncatedTo(ChronoUnit.MILLIS);
	}

}
