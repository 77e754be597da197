package dev.sealdrop.server.users;

import java.nio.charset.StandardCharsets;

/**
 * The one password rule. At least 12 characters; at most 72 bytes in UTF-8 because bcrypt ignores
 * (and Spring Security rejects) anything longer, which would silently weaken long passphrases.
 */
public final class Passwords {

	public static final int MIN_LENGTH = 12;

	public static final int MAX_UTF8_BYTES = 72;

	public static final String MESSAGE = "must be at least 12 characters and at most 72 bytes in UTF-8";

	private Passwords() {
	}

	public static boolean isValid(String password) {
		return password != null && password.codePointCount(0, password.length()) >= MIN_LENGTH
				&& password.getBytes(StandardCharsets.UTF_8).length <= MAX_UTF8_BYTES;
	}

}
