package dev.sealdrop.client.config;

import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;

/**
 * The contents of {@code config.json}: which server to talk to, as whom, and the registered client
 * identity. Every field but {@code server} may be absent (null): after {@code login} there is no
 * client yet, after {@code logout} no token. Immutable; the {@code with...} methods return copies.
 *
 * <p>{@link #toString()} never shows the token.
 *
 * @param server the server base URL
 * @param username the user name given at login, or null
 * @param token the API token ({@code sdt_...}) created at login, or null when logged out
 * @param clientId the client ID returned by {@code POST /clients}, or null before {@code register}
 * @param clientKey the registered client's private key file, or null before {@code register}
 * @param tokenId the server's ID of {@code token} (to revoke it at {@code logout}), or null if unknown
 */
public record SealdropConfig(ServerUrl server, String username, String token, UUID clientId, Path clientKey,
		String tokenId) {

	private static final int MAX_TOKEN_LENGTH = 512;

	private static final int MAX_USERNAME_LENGTH = 128;

	/** @throws IllegalArgumentException if a field is malformed (see {@link #checkToken}, {@link #checkUsername}) */
	public SealdropConfig {
		if (server == null) {
			throw new IllegalArgumentException("missing server URL");
		}
		if (token != null) {
			checkToken(token);
		}
		if (username != null) {
			checkUsername(username);
		}
		if ((clientId == null) != (clientKey == null)) {
			throw new IllegalArgumentException("clientId and clientKey go together");
		}
		if (tokenId != null) {
			if (token == null) {
				throw new IllegalArgumentException("tokenId without a token");
			}
			if (!tokenId.matches("[A-Za-z0-9-]{1,64}")) {
				throw new IllegalArgumentException("tokenId must be 1 to 64 letters, digits or '-'");
			}
		}
	}

	/** Without a token ID. */
	public SealdropConfig(ServerUrl server, String username, String token, UUID clientId, Path clientKey) {
		this(server, username, token, clientId, clientKey, null);
	}

	/** A configuration naming only the server. */
	public static SealdropConfig of(ServerUrl server) {
		return new SealdropConfig(server, null, null, null, null);
	}

	public SealdropConfig withLogin(String username, String token) {
		return new SealdropConfig(server, username, token, clientId, clientKey, null);
	}

	/** @param tokenId the token's ID on the server, or null */
	public SealdropConfig withLogin(String username, String token, String tokenId) {
		return new SealdropConfig(server, username, token, clientId, clientKey, tokenId);
	}

	/** The same configuration without the token (what {@code logout} keeps). */
	public SealdropConfig withoutToken() {
		return new SealdropConfig(server, username, null, clientId, clientKey, null);
	}

	public SealdropConfig withClient(UUID clientId, Path clientKey) {
		return new SealdropConfig(server, username, token, clientId, clientKey, tokenId);
	}

	public Optional<String> tokenValue() {
		return Optional.ofNullable(token);
	}

	public Optional<UUID> client() {
		return Optional.ofNullable(clientId);
	}

	/**
	 * Checks that a token can travel in an HTTP header: 1 to 512 visible ASCII characters from the
	 * token68 alphabet. The message never repeats the token.
	 */
	public static void checkToken(String token) {
		if (token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
			throw new IllegalArgumentException("API token must be 1 to " + MAX_TOKEN_LENGTH + " characters");
		}
		for (int i = 0; i < token.length(); i++) {
			char c = token.charAt(i);
			boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
					|| c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/' || c == '=';
			if (!ok) {
				throw new IllegalArgumentException("API token contains a character not allowed in a token");
			}
		}
	}

	/** Checks a user name: 1 to 128 characters, no control characters, no {@code :} (it would break Basic auth). */
	public static void checkUsername(String username) {
		if (username.isEmpty() || username.length() > MAX_USERNAME_LENGTH) {
			throw new IllegalArgumentException("user name must be 1 to " + MAX_USERNAME_LENGTH + " characters");
		}
		for (int i = 0; i < username.length(); i++) {
			char c = username.charAt(i);
			if (Character.isISOControl(c) || c == ':') {
				throw new IllegalArgumentException("user name must not contain ':' or control characters");
			}
		}
	}

	@Override
	public String toString() {
		return "SealdropConfig[server=" + server + ", username=" + username + ", token="
				+ (token == null ? "none" : "***") + ", clientId=" + clientId + ", clientKey=" + clientKey + ", tokenId="
				+ tokenId + "]";
	}

}
