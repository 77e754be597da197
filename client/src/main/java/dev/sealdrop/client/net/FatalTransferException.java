package dev.sealdrop.client.net;

import java.io.IOException;

/**
 * An operation failed for good after retrying, or could not be retried. The message is what the
 * command prints: {@code Fatal: upload of report.pdf failed after 4 attempts: 503 Service Unavailable}.
 * The cause is the last failure (an {@link ApiProblemException} or an I/O exception).
 */
public class FatalTransferException extends IOException {

	private static final long serialVersionUID = 1L;

	private final int attempts;

	public FatalTransferException(String message, int attempts, Throwable cause) {
		super(message, cause);
		this.attempts = attempts;
	}

	/** How many attempts were made. */
	public int attempts() {
		return attempts;
	}

}
