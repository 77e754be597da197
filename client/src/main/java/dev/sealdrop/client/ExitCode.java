package dev.sealdrop.client;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.sealdrop.format.SealdropException;

/**
 * The process exit codes of {@code sealdrop}: a stable contract for scripts, documented in the root
 * help and in docs/CLI.md. Codes 10 to 19 belong to the server commands (login, upload, ...).
 */
public enum ExitCode {

	OK(0, "Success."),
	GENERIC_ERROR(1, "Unexpected internal error (a bug: please report it with --verbose output)."),
	USAGE(2, "Usage error: unknown option, missing or invalid argument."),
	IO_ERROR(3, "I/O error: input not found or unreadable, output not writable, disk full."),
	OUTPUT_EXISTS(4, "The output file already exists (use --force to overwrite)."),
	INVALID_KEY(5, "A key file is not a valid P-384 key, or the passphrase is wrong."),
	NO_MATCHING_KEY(6, "The archive was not encrypted to any of the given keys."),
	MALFORMED_ARCHIVE(7, "The input is not a well-formed sealdrop archive."),
	UNSUPPORTED_FORMAT(8, "The archive uses a format version or algorithm this sealdrop does not know."),
	INTEGRITY_FAILURE(9, "The archive failed authentication: modified, truncated or corrupted."),
	SERVER_UNREACHABLE(10, "Server unreachable, or a transfer failed for good after retries (Fatal: ...)."),
	AUTHENTICATION_FAILED(11, "Authentication failed: wrong user name or password, or the API token is no longer valid."),
	NOT_FOUND(12, "No such file, client or user on the server (or not yours)."),
	REJECTED(13, "The server refused the request (its answer says why)."),
	SERVER_NOT_TRUSTED(14, "The server's identity does not match known_servers, or could not be verified."),
	NOT_SET_UP(15, "Not logged in, not registered, or the server is not pinned yet."),
	TOO_LARGE(16, "The file is larger than the server accepts, or the storage quota is used up."),
	INTERRUPTED(130, "Interrupted (Ctrl-C); no partial output is left behind.");

	private final int code;

	private final String description;

	ExitCode(int code, String description) {
		this.code = code;
		this.description = description;
	}

	public int code() {
		return this.code;
	}

	public String description() {
		return this.description;
	}

	/** The one mapping from the format library's error classes (FORMAT.md §11) to exit codes. */
	public static ExitCode of(SealdropException.Kind kind) {
		return switch (kind) {
			case MALFORMED_ARCHIVE -> MALFORMED_ARCHIVE;
			case UNSUPPORTED_FORMAT -> UNSUPPORTED_FORMAT;
			case NO_MATCHING_KEY -> NO_MATCHING_KEY;
			case INTEGRITY_FAILURE -> INTEGRITY_FAILURE;
			case INVALID_KEY -> INVALID_KEY;
		};
	}

	/** The table for picocli's "Exit codes:" help section. */
	static Map<String, String> helpTable() {
		Map<String, String> table = new LinkedHashMap<>();
		for (ExitCode exitCode : values()) {
			table.put(String.format("%3d", exitCode.code), exitCode.description);
		}
		return table;
	}

}
