package dev.sealdrop.client.net;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;

/**
 * Runs attempts under a {@link RetryPolicy} and decides which failures are retried:
 * <ul>
 * <li>could not connect (refused, connect timeout): always, nothing was sent;</li>
 * <li>429 and 503: always, the server says it did not process the request;</li>
 * <li>other 5xx, timeouts, connections lost mid-exchange: only for {@link Safety#IDEMPOTENT}
 * requests (GET, DELETE, an upload with an Idempotency-Key), since the server may have acted;</li>
 * <li>other statuses: never; the {@link ApiProblemException} is rethrown as is.</li>
 * </ul>
 * When attempts run out, or a transport failure cannot be retried, the result is a
 * {@link FatalTransferException} saying what failed after how many attempts.
 */
final class Retrier {

	/** Whether repeating a request that may have reached the server is harmless. */
	enum Safety {
		IDEMPOTENT, NOT_IDEMPOTENT
	}

	@FunctionalInterface
	interface Attempt<T> {

		T run() throws IOException;

	}

	private final RetryPolicy policy;

	private final HttpLog log;

	Retrier(RetryPolicy policy, HttpLog log) {
		this.policy = policy;
		this.log = log;
	}

	RetryPolicy policy() {
		return policy;
	}

	<T> T run(String what, Safety safety, Attempt<T> attempt) throws IOException {
		return resume(what, safety, attempt, 0, null);
	}

	/**
	 * Continues after {@code failed} failed attempts, the last of which was {@code lastFailure}
	 * (null when {@code failed} is 0): e.g. a download that broke off mid-body.
	 */
	<T> T resume(String what, Safety safety, Attempt<T> attempt, int failed, IOException lastFailure) throws IOException {
		int max = policy.maxAttempts();
		while (true) {
			if (lastFailure != null) {
				Duration retryAfter = check(what, safety, failed, lastFailure);
				Duration delay = policy.delay(failed, retryAfter);
				log.retry(what, failed, max, delay, describe(lastFailure));
				try {
					policy.sleep(delay);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new InterruptedIOException(what + " interrupted");
				}
			}
			try {
				return attempt.run();
			}
			catch (LocalFailure ex) {
				throw ex.unwrap();
			}
			catch (IOException ex) {
				failed++;
				lastFailure = ex;
			}
		}
	}

	/** Throws if {@code failure} ends the operation; else returns the server's Retry-After (or null). */
	private Duration check(String what, Safety safety, int failed, IOException failure) throws IOException {
		if (Thread.currentThread().isInterrupted()) {
			throw failure;
		}
		if (failure instanceof NotRetryable notRetryable) {
			IOException cause = notRetryable.getCause() instanceof IOException io ? io : null;
			String reason = cause == null ? notRetryable.why() : describe(cause) + "; " + notRetryable.why();
			throw new FatalTransferException("Fatal: " + what + " failed: " + reason, failed, failure);
		}
		if (!retryable(safety, failure)) {
			if (failure instanceof ApiProblemException) {
				throw failure;
			}
			throw new FatalTransferException("Fatal: " + what + " failed: " + describe(failure)
					+ "; not retried because the server may have processed the request", failed, failure);
		}
		if (failed >= policy.maxAttempts()) {
			throw new FatalTransferException("Fatal: " + what + " failed after " + attempts(failed) + ": "
					+ describe(failure), failed, failure);
		}
		Duration retryAfter = failure instanceof ApiProblemException problem ? problem.retryAfter().orElse(null) : null;
		if (retryAfter != null && retryAfter.compareTo(policy.maxRetryAfter()) > 0) {
			throw new FatalTransferException("Fatal: " + what + " failed after " + attempts(failed) + ": "
					+ describe(failure) + " (the server asked to retry after " + retryAfter.toSeconds() + " s)", failed, failure);
		}
		return retryAfter;
	}

	static boolean retryable(Safety safety, IOException failure) {
		if (failure instanceof ApiProblemException problem) {
			int status = problem.status();
			if (status == 429 || status == 503) {
				return true;
			}
			return status >= 500 && status <= 599 && safety == Safety.IDEMPOTENT;
		}
		if (failure instanceof ConnectException || failure instanceof HttpConnectTimeoutException
				|| failure.getCause() instanceof UnresolvedAddressException) {
			return true;
		}
		if (failure instanceof InterruptedIOException && !(failure instanceof java.net.SocketTimeoutException)) {
			return false;
		}
		return safety == Safety.IDEMPOTENT;
	}

	/** A short description of a failure for messages: no secrets, no server-controlled control characters. */
	static String describe(IOException failure) {
		if (failure instanceof ApiProblemException problem) {
			return problem.statusLine();
		}
		if (failure instanceof FatalTransferException) {
			return Text.printable(failure.getMessage(), 500);
		}
		if (failure instanceof Stalled) {
			return "connection stalled (" + failure.getMessage() + ")";
		}
		if (failure instanceof HttpConnectTimeoutException) {
			return "connection timed out";
		}
		if (failure instanceof HttpTimeoutException) {
			return "timed out waiting for the server";
		}
		if (failure instanceof ConnectException) {
			return "could not connect" + detail(failure);
		}
		if (failure.getCause() instanceof UnresolvedAddressException) {
			return "could not resolve the server's host name";
		}
		return "connection lost" + detail(failure);
	}

	private static String detail(IOException failure) {
		String message = failure.getMessage();
		if (message == null || message.isBlank()) {
			Throwable cause = failure.getCause();
			message = cause == null ? null : cause.getMessage();
		}
		return message == null || message.isBlank() ? "" : " (" + Text.printable(message, 200) + ")";
	}

	private static String attempts(int n) {
		return n == 1 ? "1 attempt" : n + " attempts";
	}

}
