package dev.sealdrop.server.download;

import java.util.List;
import java.util.Locale;

import org.springframework.http.HttpRange;

/**
 * Decides what part of a representation of known length and strong ETag a request gets
 * (RFC 9110 §14): the whole of it, one byte range, or nothing (416).
 * <ul>
 * <li>No {@code Range}, a range unit other than {@code bytes}, or an {@code If-Range} that is not
 * our current ETag (a date, a weak tag, another tag): the whole representation.</li>
 * <li>Several ranges: the whole representation (allowed by §14.2; resuming clients ask for one).</li>
 * <li>One satisfiable range: that range, clipped to the end.</li>
 * <li>A malformed {@code bytes} range or one starting at or after the end: unsatisfiable.</li>
 * </ul>
 */
final class ByteRanges {

	private ByteRanges() {
	}

	/** The outcome; {@code start..end} inclusive when {@link Kind#PARTIAL}. */
	record Selection(Kind kind, long start, long end) {

		static final Selection FULL = new Selection(Kind.FULL, 0, -1);

		static final Selection UNSATISFIABLE = new Selection(Kind.UNSATISFIABLE, 0, -1);

		long length() {
			return this.end - this.start + 1;
		}

	}

	enum Kind {

		FULL, PARTIAL, UNSATISFIABLE

	}

	static Selection select(String range, String ifRange, String etag, long length) {
		if (range == null || !range.toLowerCase(Locale.ROOT).startsWith("bytes=")) {
			return Selection.FULL;
		}
		if (ifRange != null && !ifRange.strip().equals(etag)) {
			return Selection.FULL;
		}
		List<HttpRange> ranges;
		try {
			ranges = HttpRange.parseRanges(range);
		}
		catch (IllegalArgumentException ex) {
			return Selection.UNSATISFIABLE;
		}
		if (ranges.size() != 1) {
			return ranges.isEmpty() ? Selection.UNSATISFIABLE : Selection.FULL;
		}
		try {
			HttpRange only = ranges.get(0);
			long start = only.getRangeStart(length);
			long end = only.getRangeEnd(length);
			if (start >= length || end < start) {
				return Selection.UNSATISFIABLE;
			}
			return new Selection(Kind.PARTIAL, start, end);
		}
		catch (IllegalArgumentException ex) {
			return Selection.UNSATISFIABLE;
		}
	}

}
