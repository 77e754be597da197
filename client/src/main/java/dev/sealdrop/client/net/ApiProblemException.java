package dev.sealdrop.client.net;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * The server answered with an error status. Built from an RFC 9457 problem+json body when there is
 * one ({@code type "urn:sealdrop:problem:<slug>"}, title, detail), else from the status alone (a
 * proxy's HTML page is not shown). The message is one printable line, e.g.
 * {@code 404 Not Found: File not found - no file 42}; server text is stripped of control characters
 * and shortened.
 */
public class ApiProblemException extends IOException {

	private static final long serialVersionUID = 1L;

	static final String TYPE_PREFIX = "urn:sealdrop:problem:";

	private final int status;

	private final String type;

	private final String title;

	private final String detail;

	private final transient Duration retryAfter;

	/**
	 * @param type the slug after {@code urn:sealdrop:problem:}, another type URI as given, or null
	 * @param retryAfter the parsed Retry-After, or null
	 */
	public ApiProblemException(int status, String type, String title, String detail, Duration retryAfter) {
		super(message(status, title, detail));
		this.status = status;
		this.type = type == null ? null : Text.printable(type, 200);
		this.title = title == null ? null : Text.printable(title, 200);
		this.detail = detail == null ? null : Text.printable(detail, 500);
		this.retryAfter = retryAfter;
	}

	/** The HTTP status. */
	public int status() {
		return status;
	}

	/** The problem slug, e.g. {@code not-found}, for sealdrop problem types; else the type URI; or null. */
	public String type() {
		return type;
	}

	public String title() {
		return title;
	}

	public String detail() {
		return detail;
	}

	/** The server's Retry-After, if it sent one. */
	public Optional<Duration> retryAfter() {
		return Optional.ofNullable(retryAfter);
	}

	/** "503 Service Unavailable": the status line, for short messages. */
	public String statusLine() {
		return Text.statusLine(status);
	}

	/** Whether this is a problem of the given sealdrop type slug. */
	public boolean is(String slug) {
		return slug.equals(type);
	}

	private static String message(int status, String title, String detail) {
		StringBuilder text = new StringBuilder(Text.statusLine(status));
		String safeTitle = title == null ? null : Text.printable(title, 200);
		if (safeTitle != null && !safeTitle.isBlank() && !safeTitle.equals(Text.reason(status))) {
			text.append(": ").append(safeTitle);
		}
		if (detail != null && !detail.isBlank()) {
			text.append(" - ").append(Text.printable(detail, 500));
		}
		return text.toString();
	}

}
