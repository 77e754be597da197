package dev.sealdrop.client.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A validated, normalized sealdrop server base URL such as {@code https://files.example.com} or
 * {@code https://example.com/sealdrop}: http or https, a host, no user info, query or fragment.
 * Normalization (lower-case scheme and host, default port dropped, no trailing slash) makes the
 * same server compare equal however the user typed it, which matters for {@code known_servers}.
 *
 * <p>The API lives under {@link #api(String)} = base + {@code /api/v1}.
 */
public final class ServerUrl {

	private static final int MAX_LENGTH = 2048;

	private final URI uri;

	private ServerUrl(URI uri) {
		this.uri = uri;
	}

	/**
	 * Parses and normalizes a server URL.
	 * @throws IllegalArgumentException with a message saying what is wrong (the text is quoted only
	 * when it is short and printable, since it may come from a file)
	 */
	public static ServerUrl parse(String text) {
		if (text == null || text.isEmpty()) {
			throw new IllegalArgumentException("missing server URL");
		}
		if (text.length() > MAX_LENGTH) {
			throw new IllegalArgumentException("server URL longer than " + MAX_LENGTH + " characters");
		}
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c <= 0x20 || c >= 0x7f) {
				throw new IllegalArgumentException("server URL contains a space, control or non-ASCII character");
			}
		}
		URI parsed;
		try {
			parsed = new URI(text);
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException("not a valid URL: " + text);
		}
		String scheme = parsed.getScheme() == null ? null : parsed.getScheme().toLowerCase(Locale.ROOT);
		if (!"https".equals(scheme) && !"http".equals(scheme)) {
			throw new IllegalArgumentException("server URL must start with https:// (or http:// for a local server): " + text);
		}
		if (parsed.getRawUserInfo() != null) {
			throw new IllegalArgumentException("server URL must not contain a user name or password; use --user");
		}
		if (parsed.getHost() == null) {
			throw new IllegalArgumentException("server URL has no host: " + text);
		}
		if (parsed.getRawQuery() != null || parsed.getRawFragment() != null) {
			throw new IllegalArgumentException("server URL must not have a query or fragment: " + text);
		}
		String host = parsed.getHost().toLowerCase(Locale.ROOT);
		int port = parsed.getPort();
		if (("https".equals(scheme) && port == 443) || ("http".equals(scheme) && port == 80)) {
			port = -1;
		}
		String path = parsed.getRawPath() == null ? "" : parsed.getRawPath();
		while (path.endsWith("/")) {
			path = path.substring(0, path.length() - 1);
		}
		if (path.contains("/../") || path.endsWith("/..") || path.contains("/./") || path.endsWith("/.")) {
			throw new IllegalArgumentException("server URL path must not contain . or .. segments: " + text);
		}
		try {
			return new ServerUrl(new URI(scheme + "://" + host + (port == -1 ? "" : ":" + port) + path));
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException("not a valid URL: " + text);
		}
	}

	/** The normalized base URL. */
	public URI uri() {
		return uri;
	}

	/** Whether the connection is protected by TLS. */
	public boolean isHttps() {
		return "https".equals(uri.getScheme());
	}

	/**
	 * Whether the host is a loopback literal ({@code localhost}, {@code 127.x.x.x}, {@code [::1]}).
	 * Decided on the text only, with no name lookup, so it cannot be fooled by DNS.
	 */
	public boolean isLoopback() {
		String host = uri.getHost();
		return host.equals("localhost") || host.equals("[::1]") || host.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
	}

	/**
	 * The URI of an API path: base + {@code /api/v1} + {@code path}.
	 * @param path starting with {@code /}, already percent-encoded, may carry a query; no {@code ..}
	 * segments, no fragment
	 */
	public URI api(String path) {
		if (path == null || !path.startsWith("/") || path.startsWith("//") || path.contains("#")) {
			throw new IllegalArgumentException("API path must start with a single /");
		}
		int query = path.indexOf('?');
		String pathPart = query < 0 ? path : path.substring(0, query);
		for (String segment : pathPart.split("/", -1)) {
			if (segment.equals("..") || segment.equals(".")) {
				throw new IllegalArgumentException("API path must not contain . or .. segments");
			}
		}
		for (int i = 0; i < path.length(); i++) {
			char c = path.charAt(i);
			if (c <= 0x20 || c >= 0x7f) {
				throw new IllegalArgumentException("API path must be percent-encoded ASCII");
			}
		}
		return URI.create(uri + "/api/v1" + path);
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof ServerUrl that && uri.equals(that.uri);
	}

	@Override
	public int hashCode() {
		return uri.hashCode();
	}

	/** The normalized URL text, as stored in the configuration files. */
	@Override
	public String toString() {
		return uri.toString();
	}

}
