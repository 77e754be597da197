package dev.sealdrop.server.tokens;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The token format: {@code sdt_} followed by the unpadded base64url encoding of 32 random bytes
 * (256 bits). The prefix lets secret scanners recognise leaked tokens. Only the SHA-256 of the whole
 * string is stored: a token has full entropy, so a fast unsalted hash is enough and keeps lookups a
 * single indexed query.
 */
final class ApiTokens {

	static final String PREFIX = "sdt_";

	private static final int RANDOM_BYTES = 32;

	private static final Pattern FORMAT = Pattern.compile("sdt_[A-Za-z0-9_-]{43}");

	private ApiTokens() {
	}

	static String generate(SecureRandom random) {
		byte[] bytes = new byte[RANDOM_BYTES];
		random.nextBytes(bytes);
		return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/** Whether the string can be a token at all; saves a database round trip for garbage. */
	static boolean isWellFormed(String token) {
		return token != null && FORMAT.matcher(token).matches();
	}

	/** Lowercase hex SHA-256 of the UTF-8 token string, as stored in {@code api_tokens.token_hash}. */
	static String hash(String token) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required by every Java platform", ex);
		}
	}

}
