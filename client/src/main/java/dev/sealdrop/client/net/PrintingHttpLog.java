package dev.sealdrop.client.net;

import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@link HttpLog#printingTo}: curl-style lines. */
final class PrintingHttpLog implements HttpLog {

	private final PrintWriter out;

	PrintingHttpLog(PrintWriter out) {
		this.out = out;
	}

	@Override
	public void request(String method, URI uri, Map<String, List<String>> headers) {
		out.println("> " + method + " " + Text.printable(uri.toString(), 2048) + " HTTP/1.1");
		headers(">", headers);
		out.flush();
	}

	@Override
	public void response(int status, URI uri, Map<String, List<String>> headers) {
		out.println("< HTTP/1.1 " + status + " " + Text.reason(status));
		headers("<", headers);
		out.flush();
	}

	@Override
	public void retry(String what, int failedAttempt, int maxAttempts, Duration delay, String reason) {
		out.println("* " + what + ": attempt " + failedAttempt + " of " + maxAttempts + " failed (" + reason
				+ "); retrying in " + delay.toMillis() + " ms");
		out.flush();
	}

	private void headers(String prefix, Map<String, List<String>> headers) {
		// Sorted for stable output; the JDK's maps are case-insensitive but unordered.
		for (Map.Entry<String, List<String>> header : new TreeMap<>(headers).entrySet()) {
			if (header.getKey().startsWith(":")) {
				continue;
			}
			for (String value : header.getValue()) {
				out.println(prefix + " " + Text.printable(header.getKey(), 200) + ": " + Text.printable(value, 2048));
			}
		}
	}

}
