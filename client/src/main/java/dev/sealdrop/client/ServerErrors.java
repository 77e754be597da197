package dev.sealdrop.client;

import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.UnresolvedAddressException;

import dev.sealdrop.client.config.ConfigException;
import dev.sealdrop.client.config.PinMismatchException;
import dev.sealdrop.client.net.ApiProblemException;
import dev.sealdrop.client.net.FatalTransferException;
import dev.sealdrop.format.trust.TrustException;

/**
 * The part of {@link ErrorReporter} for the server commands: HTTP problems, exhausted retries, pin
 * mismatches, failed identity checks and unusable configuration files become exit codes 10 to 16
 * and a hint. Kept apart so the offline error mapping stays readable.
 */
final class ServerErrors {

	private ServerErrors() {
	}

	static ErrorReporter.Report describe(Throwable ex) {
		if (ex instanceof PinMismatchException pin) {
			return new ErrorReporter.Report(ExitCode.SERVER_NOT_TRUSTED,
					"SERVER IDENTITY CHANGED: " + pin.getMessage(),
					"someone may be intercepting the connection, or the operator replaced the server's identity or key. "
							+ "Compare both fingerprints with the operator's; only if the change is expected, run: "
							+ "sealdrop server-key --trust");
		}
		if (ex instanceof TrustException trust) {
			return new ErrorReporter.Report(ExitCode.SERVER_NOT_TRUSTED,
					"cannot verify the server's identity (" + trust.reason() + "): " + trust.getMessage(),
					"nothing was sent to the server; ask its operator, and check your clock if the reason is EXPIRED or STALE_CHALLENGE");
		}
		if (ex instanceof FatalTransferException fatal) {
			return new ErrorReporter.Report(ExitCode.SERVER_UNREACHABLE, fatal.getMessage(), fatalHint(fatal));
		}
		if (ex instanceof ApiProblemException problem) {
			return describeProblem(problem);
		}
		if (ex instanceof ConfigException config) {
			return new ErrorReporter.Report(ExitCode.IO_ERROR, config.getMessage(),
					"fix or delete the file; sealdrop login writes a new config.json");
		}
		throw new IllegalArgumentException("not a server error: " + ex.getClass().getName());
	}

	private static ErrorReporter.Report describeProblem(ApiProblemException problem) {
		String message = problem.getMessage();
		int status = problem.status();
		if (status == 401) {
			return new ErrorReporter.Report(ExitCode.AUTHENTICATION_FAILED, "authentication failed: " + message,
					"the saved API token was revoked or has expired: log in again with sealdrop login");
		}
		if (problem.is("login-throttled")) {
			return new ErrorReporter.Report(ExitCode.AUTHENTICATION_FAILED, message,
					"too many failed sign-ins; wait" + problem.retryAfter().map(d -> " " + d.toSeconds() + " s").orElse("")
							+ " before trying again");
		}
		if (status == 413 || problem.is("too-large")) {
			return new ErrorReporter.Report(ExitCode.TOO_LARGE, message,
					"the server's limit is in the message; split the file (e.g. with split -b) or ask the operator");
		}
		if (problem.is("quota-exceeded")) {
			return new ErrorReporter.Report(ExitCode.TOO_LARGE, message,
					"delete files you no longer need (sealdrop ls, sealdrop rm ID) or ask the operator for more space");
		}
		if (status == 404) {
			return new ErrorReporter.Report(ExitCode.NOT_FOUND, message, "sealdrop ls lists your files");
		}
		if (problem.is("retired-key")) {
			return new ErrorReporter.Report(ExitCode.REJECTED, message, "the server rotated its key meanwhile: upload again");
		}
		if (status >= 500) {
			return new ErrorReporter.Report(ExitCode.SERVER_UNREACHABLE, message,
					"the server failed; try again later or tell its operator");
		}
		return new ErrorReporter.Report(ExitCode.REJECTED, message, null);
	}

	private static String fatalHint(FatalTransferException fatal) {
		Throwable cause = fatal.getCause();
		if (cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException
				|| (cause != null && cause.getCause() instanceof UnresolvedAddressException)) {
			return "is the server running, and is the URL right? (sealdrop login --server URL changes it)";
		}
		String message = String.valueOf(fatal.getMessage());
		if (message.contains("download of")) {
			return "try again later: the download continues where it stopped";
		}
		if (message.contains("upload of")) {
			return "try again later; sealdrop ls shows whether the file arrived";
		}
		return "try again later";
	}

}
