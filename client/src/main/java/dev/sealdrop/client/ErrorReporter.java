package dev.sealdrop.client;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

import dev.sealdrop.client.config.ConfigException;
import dev.sealdrop.client.config.PinMismatchException;
import dev.sealdrop.client.net.ApiProblemException;
import dev.sealdrop.client.net.FatalTransferException;
import dev.sealdrop.format.NoMatchingKeyException;
import dev.sealdrop.format.SealdropException;
import dev.sealdrop.format.trust.TrustException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * The one place where a failed command becomes an exit code and a message. Prints one line,
 * {@code sealdrop: COMMAND: what failed}, then a {@code hint:} line when there is something the user
 * can do (unless {@code --quiet}), and the stack trace only with {@code --verbose}. Messages come from
 * exception messages, which by contract never contain key material, passphrases or plaintext.
 */
final class ErrorReporter implements IExecutionExceptionHandler {

	/** What the user is told about a failure. */
	record Report(ExitCode exitCode, String message, String hint) {
	}

	@Override
	public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
		Report report = describe(ex);
		Verbosity.Level level = ((SealdropCommand) commandLine.getCommandSpec().root().userObject()).level();
		PrintWriter err = commandLine.getErr();
		err.println(prefix(commandLine) + report.message());
		if (report.hint() != null && level != Verbosity.Level.QUIET) {
			err.println("hint: " + report.hint());
		}
		if (level == Verbosity.Level.VERBOSE) {
			ex.printStackTrace(err);
		}
		err.flush();
		return report.exitCode().code();
	}

	/** "sealdrop: decrypt: " for a command, "sealdrop: " for the root. */
	static String prefix(CommandLine commandLine) {
		String path = commandLine.getCommandSpec().qualifiedName(" ");
		int space = path.indexOf(' ');
		return (space < 0) ? path + ": " : path.substring(0, space) + ": " + path.substring(space + 1) + ": ";
	}

	static Report describe(Throwable failure) {
		Throwable ex = failure;
		while (ex instanceof UncheckedIOException && ex.getCause() != null) {
			ex = ex.getCause();
		}
		if (ex instanceof CommandException command) {
			if (command.exitCode() == null) {
				Report cause = describe(command.getCause());
				return new Report(cause.exitCode(), cause.message(), command.hint());
			}
			return new Report(command.exitCode(), command.getMessage(), command.hint());
		}
		if (ex instanceof SealdropException sealdrop) {
			return describeFormatError(sealdrop);
		}
		if (ex instanceof PinMismatchException || ex instanceof TrustException || ex instanceof FatalTransferException
				|| ex instanceof ApiProblemException || ex instanceof ConfigException) {
			return ServerErrors.describe(ex);
		}
		if (ex instanceof InterruptedException || ex instanceof InterruptedIOException
				|| ex instanceof ClosedByInterruptException) {
			return new Report(ExitCode.INTERRUPTED, "interrupted", null);
		}
		if (ex instanceof FileAlreadyExistsException exists) {
			return new Report(ExitCode.OUTPUT_EXISTS, exists.getFile() + ": already exists",
					"use --force to overwrite it, or -o to choose another name");
		}
		if (ex instanceof NoSuchFileException missing) {
			return new Report(ExitCode.IO_ERROR, missing.getFile() + ": no such file or directory", null);
		}
		if (ex instanceof AccessDeniedException denied) {
			return new Report(ExitCode.IO_ERROR, denied.getFile() + ": permission denied", null);
		}
		if (ex instanceof FileSystemException fs) {
			String reason = (fs.getReason() != null) ? fs.getReason() : fs.getClass().getSimpleName();
			return new Report(ExitCode.IO_ERROR, ((fs.getFile() != null) ? fs.getFile() + ": " : "") + reason, null);
		}
		if (ex instanceof IOException io) {
			return new Report(ExitCode.IO_ERROR, messageOrType(io), null);
		}
		return new Report(ExitCode.GENERIC_ERROR, "internal error: " + messageOrType(ex),
				"run again with --verbose and report the stack trace");
	}

	private static Report describeFormatError(SealdropException ex) {
		ExitCode exitCode = ExitCode.of(ex.kind());
		String message = messageOrType(ex);
		return switch (ex.kind()) {
			case INTEGRITY_FAILURE -> new Report(exitCode,
					message + " (the archive was modified, truncated or damaged)",
					"no output was kept; get a fresh copy of the archive from the sender");
			case MALFORMED_ARCHIVE -> new Report(exitCode, message,
					"this is not a sealdrop archive, or it was damaged in transfer");
			case UNSUPPORTED_FORMAT -> new Report(exitCode, message,
					"the archive was made by a newer or different program; a newer sealdrop may read it");
			case NO_MATCHING_KEY -> new Report(exitCode, message, noMatchingKeyHint((NoMatchingKeyException) ex));
			case INVALID_KEY -> new Report(exitCode, message, null);
		};
	}

	private static String noMatchingKeyHint(NoMatchingKeyException ex) {
		if (ex.archiveRecipients().isEmpty()) {
			return "pass the private key the archive was encrypted to with -i";
		}
		return "the archive is for " + String.join(", ", ex.archiveRecipients())
				+ "; pass one of these private keys with -i";
	}

	private static String messageOrType(Throwable ex) {
		String message = ex.getMessage();
		return (message == null || message.isBlank()) ? ex.getClass().getSimpleName() : message;
	}

}
