package dev.sealdrop.format;

import java.io.IOException;

/**
 * Base of every error the format library reports about its input. It is an {@link IOException} so
 * that the encrypting and decrypting streams can throw it from {@code read} and {@code write}.
 * Messages name what failed (which entry, which chunk, which check) and never contain key material
 * or plaintext. {@link #kind()} is the stable class from FORMAT.md §11, which the server maps to a
 * problem type and the CLI to an exit code.
 */
public abstract sealed class SealdropException extends IOException
		permits MalformedArchiveException, UnsupportedFormatException, NoMatchingKeyException,
		IntegrityException, InvalidKeyException {

	/** The error classes of FORMAT.md §11. */
	public enum Kind {
		MALFORMED_ARCHIVE, UNSUPPORTED_FORMAT, NO_MATCHING_KEY, INTEGRITY_FAILURE, INVALID_KEY
	}

	protected SealdropException(String message) {
		super(message);
	}

	protected SealdropException(String message, Throwable cause) {
		super(message, cause);
	}

	public abstract Kind kind();

}
