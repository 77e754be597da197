package dev.sealdrop.client.net;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A checked answer to a (possibly ranged) GET: where its body starts in the whole representation,
 * the total length if known, and the ETag.
 *
 * @param body the response body, to be closed by the caller
 * @param start offset of the body's first byte: the requested offset for a 206, 0 for a 200
 * @param total the whole representation's length, or -1 if unknown
 * @param etag the response's ETag, or null
 */
record Ranged(InputStream body, long start, long total, String etag) {

	private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d{1,18})-(\\d{1,18})/(\\d{1,18}|\\*)");

	/**
	 * @throws NotRetryable if a 206 does not answer the range asked for (a broken server or proxy;
	 * retrying would not help and resuming from it could corrupt the file)
	 */
	static Ranged of(HttpResponse<InputStream> response, long requestedOffset) throws IOException {
		String etag = response.headers().firstValue("ETag").orElse(null);
		OptionalLong length = response.headers().firstValueAsLong("Content-Length");
		if (response.statusCode() == 206) {
			String header = response.headers().firstValue("Content-Range").orElse("");
			Matcher range = CONTENT_RANGE.matcher(header);
			if (!range.matches()) {
				throw new NotRetryable(null, "the server answered a range request with a missing or malformed Content-Range");
			}
			long first = Long.parseLong(range.group(1));
			long last = Long.parseLong(range.group(2));
			long total = range.group(3).equals("*") ? -1 : Long.parseLong(range.group(3));
			if (first != requestedOffset || last < first || (total >= 0 && last != total - 1)
					|| (length.isPresent() && length.getAsLong() != last - first + 1)) {
				throw new NotRetryable(null, "the server sent bytes " + first + "-" + last + " when asked for bytes "
						+ requestedOffset + "- (Content-Range does not match the request)");
			}
			return new Ranged(response.body(), first, total, etag);
		}
		if (response.statusCode() != 200) {
			throw new NotRetryable(null, "unexpected HTTP " + response.statusCode() + " for a download");
		}
		return new Ranged(response.body(), 0, length.orElse(-1), etag);
	}

}
