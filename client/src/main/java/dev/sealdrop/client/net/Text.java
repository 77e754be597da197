package dev.sealdrop.client.net;

/** Making server-supplied text safe to print, and HTTP reason phrases (the JDK client drops them). */
final class Text {

	private Text() {
	}

	/**
	 * {@code text} with control and non-ASCII characters replaced by {@code ?} and cut to
	 * {@code max} characters, so it fits on one line and cannot inject terminal escapes.
	 */
	static String printable(String text, int max) {
		if (text == null) {
			return "";
		}
		StringBuilder out = new StringBuilder(Math.min(text.length(), max + 3));
		for (int i = 0; i < text.length() && i < max; i++) {
			char c = text.charAt(i);
			out.append(c >= 0x20 && c < 0x7f ? c : '?');
		}
		if (text.length() > max) {
			out.append("...");
		}
		return out.toString();
	}

	static String reason(int status) {
		return switch (status) {
			case 200 -> "OK";
			case 201 -> "Created";
			case 204 -> "No Content";
			case 206 -> "Partial Content";
			case 301 -> "Moved Permanently";
			case 302 -> "Found";
			case 303 -> "See Other";
			case 304 -> "Not Modified";
			case 307 -> "Temporary Redirect";
			case 308 -> "Permanent Redirect";
			case 400 -> "Bad Request";
			case 401 -> "Unauthorized";
			case 403 -> "Forbidden";
			case 404 -> "Not Found";
			case 405 -> "Method Not Allowed";
			case 406 -> "Not Acceptable";
			case 408 -> "Request Timeout";
			case 409 -> "Conflict";
			case 410 -> "Gone";
			case 411 -> "Length Required";
			case 412 -> "Precondition Failed";
			case 413 -> "Content Too Large";
			case 415 -> "Unsupported Media Type";
			case 416 -> "Range Not Satisfiable";
			case 422 -> "Unprocessable Content";
			case 425 -> "Too Early";
			case 428 -> "Precondition Required";
			case 429 -> "Too Many Requests";
			case 500 -> "Internal Server Error";
			case 501 -> "Not Implemented";
			case 502 -> "Bad Gateway";
			case 503 -> "Service Unavailable";
			case 504 -> "Gateway Timeout";
			case 507 -> "Insufficient Storage";
			default -> "";
		};
	}

	/** "503 Service Unavailable", or just "599" for a status without a known phrase. */
	static String statusLine(int status) {
		String reason = reason(status);
		return reason.isEmpty() ? Integer.toString(status) : status + " " + reason;
	}

}
