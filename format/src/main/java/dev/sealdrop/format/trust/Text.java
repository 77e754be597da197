package dev.sealdrop.format.trust;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import dev.sealdrop.format.trust.TrustException.Reason;

/**
 * The canonical line-based text of PROTOCOL.md: a fixed first line, then {@code name:value} lines
 * in a fixed order, every line ending in one LF, printable ASCII only. Values use the strict
 * base64 and time forms below; a parser accepts exactly what the writer produces, so one statement
 * has one spelling. (The format package's base64 codec is package-private there, hence this copy.)
 */
final class Text {

	/** RFC 3339 in UTC with whole seconds, {@code 2026-11-23T05:00:00Z}, years 0000-9999. */
	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'")
		.withZone(ZoneOffset.UTC)
		.withResolverStyle(ResolverStyle.STRICT);

	private static final Instant MIN_TIME = Instant.parse("0000-01-01T00:00:00Z");

	private static final Instant MAX_TIME = Instant.parse("9999-12-31T23:59:59Z");

	private Text() {
	}

	static String time(Instant instant) {
		return TIME.format(instant);
	}

	/** Whole seconds, within the four-digit years the text form can hold. */
	static Instant checkTime(Instant instant, String what) {
		if (instant == null) {
			throw new IllegalArgumentException(what + " is missing");
		}
		Instant seconds = instant.truncatedTo(ChronoUnit.SECONDS);
		if (seconds.isBefore(MIN_TIME) || seconds.isAfter(MAX_TIME)) {
			throw new IllegalArgumentException(what + " is outside the years 0000-9999");
		}
		return seconds;
	}

	static Instant parseTime(String text, String what) throws TrustException {
		try {
			Instant instant = Instant.from(TIME.parse(text));
			if (time(instant).equals(text)) {
				return instant;
			}
		}
		catch (DateTimeException ex) {
			// fall through: the message must not depend on parser internals
		}
		throw malformed(what + " is not an RFC 3339 UTC time with whole seconds (yyyy-mm-ddThh:mm:ssZ)");
	}

	static String base64(byte[] bytes) {
		return Base64.getEncoder().encodeToString(bytes);
	}

	/** Standard base64 with padding, and only the canonical spelling (re-encodes to the same text). */
	static byte[] parseBase64(String text, String what) throws TrustException {
		if (text == null) {
			throw malformed(what + " is missing");
		}
		try {
			byte[] bytes = Base64.getDecoder().decode(text);
			if (base64(bytes).equals(text)) {
				return bytes;
			}
		}
		catch (IllegalArgumentException ex) {
			// fall through
		}
		throw malformed(what + " is not canonical standard base64");
	}

	static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Splits a canonical text into the values of its lines: the first line must be {@code header},
	 * then exactly the given names, in order, each as {@code name:value}.
	 */
	static List<String> fields(String text, int maxLength, String header, String... names) throws TrustException {
		if (text == null) {
			throw malformed("text is missing");
		}
		if (text.length() > maxLength) {
			throw malformed("text is longer than " + maxLength + " characters");
		}
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c != '\n' && (c < 0x20 || c > 0x7e)) {
				throw malformed("text contains a character other than printable ASCII and LF");
			}
		}
		if (!text.endsWith("\n")) {
			throw malformed("text does not end with a line feed");
		}
		String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
		if (lines.length != names.length + 1) {
			throw malformed("text has " + lines.length + " lines; expected " + (names.length + 1));
		}
		if (!lines[0].equals(header)) {
			throw malformed("text does not start with the line " + header);
		}
		List<String> values = new ArrayList<>(names.length);
		for (int i = 0; i < names.length; i++) {
			String prefix = names[i] + ":";
			if (!lines[i + 1].startsWith(prefix)) {
				throw malformed("line " + (i + 2) + " is not the field " + names[i]);
			}
			values.add(lines[i + 1].substring(prefix.length()));
		}
		return values;
	}

	static TrustException malformed(String message) {
		return new TrustException(Reason.MALFORMED, message);
	}

}
