package dev.sealdrop.client.net;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

import dev.sealdrop.client.config.SealdropConfig;

/**
 * How the client authenticates: an API token ({@code Authorization: Bearer sdt_...}), a user name
 * and password (HTTP Basic, used by {@code login} to create a token), or nothing (public endpoints).
 * {@code toString()} never shows the secret.
 */
public sealed interface Credentials permits Credentials.Bearer, Credentials.Basic, Credentials.None {

	/** The {@code Authorization} header value, or null for {@link None}. */
	String authorization();

	static Credentials none() {
		return None.INSTANCE;
	}

	/** @throws IllegalArgumentException if the token cannot travel in a header */
	static Credentials bearer(String token) {
		return new Bearer(token);
	}

	/**
	 * @param password copied; the caller may wipe its array afterwards
	 * @throws IllegalArgumentException if the user name contains {@code :} or control characters
	 */
	static Credentials basic(String username, char[] password) {
		return new Basic(username, password);
	}

	/** An API token. */
	final class Bearer implements Credentials {

		private final String token;

		private Bearer(String token) {
			Objects.requireNonNull(token, "token");
			SealdropConfig.checkToken(token);
			this.token = token;
		}

		@Override
		public String authorization() {
			return "Bearer " + token;
		}

		@Override
		public String toString() {
			return "Bearer ***";
		}

	}

	/** A user name and password. */
	final class Basic implements Credentials {

		private final String username;

		private final char[] password;

		private Basic(String username, char[] password) {
			Objects.requireNonNull(username, "username");
			Objects.requireNonNull(password, "password");
			SealdropConfig.checkUsername(username);
			this.username = username;
			this.password = password.clone();
		}

		public String username() {
			return username;
		}

		@Override
		public String authorization() {
			CharBuffer chars = CharBuffer.allocate(username.length() + 1 + password.length);
			chars.put(username).put(':').put(password).flip();
			ByteBuffer bytes = StandardCharsets.UTF_8.encode(chars);
			byte[] raw = new byte[bytes.remaining()];
			bytes.get(raw);
			try {
				return "Basic " + Base64.getEncoder().encodeToString(raw);
			}
			finally {
				Arrays.fill(raw, (byte) 0);
				Arrays.fill(chars.array(), '\0');
				if (bytes.hasArray()) {
					Arrays.fill(bytes.array(), (byte) 0);
				}
			}
		}

		@Override
		public String toString() {
			return "Basic " + username + ":***";
		}

	}

	/** No credentials. */
	final class None implements Credentials {

		static final None INSTANCE = new None();

		private None() {
		}

		@Override
		public String authorization() {
			return null;
		}

		@Override
		public String toString() {
			return "none";
		}

	}

}
