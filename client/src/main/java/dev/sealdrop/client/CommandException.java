package dev.sealdrop.client;

/**
 * A failure the CLI itself detects (bad option value, existing output, unreadable key file), with the
 * exit code it ends the process with and an optional hint telling the user what to do next. Errors
 * about archives and keys stay the format library's {@code SealdropException}s; this type only adds
 * CLI context to them. Messages never contain key material, passphrases or plaintext.
 */
final class CommandException extends Exception {

	private final ExitCode exitCode;

	private final String hint;

	CommandException(ExitCode exitCode, String message) {
		this(exitCode, message, null, null);
	}

	CommandException(ExitCode exitCode, String message, String hint) {
		this(exitCode, message, hint, null);
	}

	CommandException(ExitCode exitCode, String message, String hint, Throwable cause) {
		super(message, cause);
		this.exitCode = exitCode;
		this.hint = hint;
	}

	/**
	 * Keeps the exit code and message {@link ErrorReporter} derives from {@code cause} but replaces
	 * its hint, for failures whose consequences depend on what the command already did.
	 */
	static CommandException withHint(Exception cause, String hint) {
		return new CommandException(null, cause.getMessage(), hint, cause);
	}

	/** The exit code, or {@code null} if it is the cause's (see {@link #withHint}). */
	ExitCode exitCode() {
		return this.exitCode;
	}

	/** What the user can do about it, or {@code null}. */
	String hint() {
		return this.hint;
	}

}
