package dev.sealdrop.client.net;

import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Receives the HTTP exchange for {@code --verbose}: request line and headers, status and headers,
 * and retry decisions. Header values of {@code Authorization}, {@code Proxy-Authorization},
 * {@code Cookie} and {@code Set-Cookie} arrive already redacted (e.g. {@code Bearer ***}); bodies are
 * never passed on. Implementations must not throw.
 */
public interface HttpLog {

	/** Logs nothing. */
	HttpLog NONE = new HttpLog() {

		@Override
		public void request(String method, URI uri, Map<String, List<String>> headers) {
		}

		@Override
		public void response(int status, URI uri, Map<String, List<String>> headers) {
		}

	};

	/** A request about to be sent (headers the JDK adds itself, such as Host, are not included). */
	void request(String method, URI uri, Map<String, List<String>> headers);

	/** The status line and headers of a response. */
	void response(int status, URI uri, Map<String, List<String>> headers);

	/**
	 * A failed attempt that will be retried after {@code delay}.
	 * @param reason what failed, e.g. "503 Service Unavailable" or "connection lost"
	 */
	default void retry(String what, int failedAttempt, int maxAttempts, Duration delay, String reason) {
	}

	/**
	 * A log in curl's {@code -v} style ({@code > } request, {@code < } response, {@code * } notes)
	 * written to {@code out}, typically standard error. Control characters in values from the
	 * server are replaced, so a hostile server cannot drive the terminal.
	 */
	static HttpLog printingTo(PrintWriter out) {
		return new PrintingHttpLog(out);
	}

}
