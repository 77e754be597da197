package dev.sealdrop.server.upload;

import java.util.Map;

import dev.sealdrop.format.SealdropException;
import dev.sealdrop.server.problem.ApiException;
import dev.sealdrop.server.problem.ProblemType;

/** The problems an upload can end in, with details that say what to do next (and no secrets). */
final class UploadProblems {

	static final int IDEMPOTENCY_KEY_MAX = 128;

	private UploadProblems() {
	}

	/** {@code Idempotency-Key}: 1..128 printable ASCII characters, no surrounding spaces (or absent). */
	static void checkIdempotencyKey(String key) {
		if (key == null) {
			return;
		}
		if (key.isEmpty() || key.length() > IDEMPOTENCY_KEY_MAX || !key.chars().allMatch(c -> c >= 0x20 && c <= 0x7E)
				|| !key.strip().equals(key)) {
			throw new ApiException(ProblemType.VALIDATION_FAILED, "Idempotency-Key must be 1 to "
					+ IDEMPOTENCY_KEY_MAX + " printable ASCII characters without leading or trailing spaces.");
		}
	}

	static ApiException tooLarge(long limit) {
		return new ApiException(ProblemType.PAYLOAD_TOO_LARGE,
				"The archive is larger than this server accepts (" + limit + " bytes).", Map.of("limit", limit));
	}

	static ApiException quotaExceeded(long quota, long used) {
		return new ApiException(ProblemType.QUOTA_EXCEEDED, "This upload does not fit in your storage quota ("
				+ quota + " bytes, " + used + " in use); delete files to make room.",
				Map.of("limit", quota, "used", used));
	}

	static String slug(SealdropException ex) {
		return switch (ex.kind()) {
			case MALFORMED_ARCHIVE -> ProblemType.MALFORMED_ARCHIVE.slug();
			case UNSUPPORTED_FORMAT -> ProblemType.UNSUPPORTED_FORMAT.slug();
			case NO_MATCHING_KEY -> ProblemType.NO_MATCHING_KEY.slug();
			case INTEGRITY_FAILURE -> ProblemType.INTEGRITY_FAILURE.slug();
			case INVALID_KEY -> ProblemType.INVALID_KEY.slug();
		};
	}

	/** The client went away mid-body (Tomcat's ClientAbortException, or an early end of stream). */
	static boolean clientAborted(Throwable ex) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (t instanceof java.io.EOFException || t.getClass().getSimpleName().equals("ClientAbortException")) {
				return true;
			}
		}
		return false;
	}

}
