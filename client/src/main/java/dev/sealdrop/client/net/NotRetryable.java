package dev.sealdrop.client.net;

import java.io.IOException;

/**
 * A transfer failure that must not be retried, with the reason why (for the Fatal message), e.g.
 * a one-shot body that was partly consumed, or a download whose file changed on the server.
 */
final class NotRetryable extends IOException {

	private static final long serialVersionUID = 1L;

	private final String why;

	/**
	 * @param cause the failure (its description goes into the message), or null
	 * @param why why it is not retried, completing "...; " in the Fatal message
	 */
	NotRetryable(IOException cause, String why) {
		super(why, cause);
		this.why = why;
	}

	String why() {
		return why;
	}

}
