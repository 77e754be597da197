package dev.sealdrop.client.net;

import java.io.IOException;

/**
 * Carries a failure of our own side (the upload body producer, e.g. a file read or encryption
 * error) through the retry loop, which must never retry it; {@link Retrier} unwraps it.
 */
final class LocalFailure extends IOException {

	private static final long serialVersionUID = 1L;

	LocalFailure(Throwable cause) {
		super(cause.getMessage(), cause);
	}

	/** The original exception as an IOException: itself if it is one, else wrapped. */
	IOException unwrap() {
		return asIOException(getCause());
	}

	/** {@code cause} as an IOException to throw: itself if it is one; unchecked ones are rethrown as they are. */
	static IOException asIOException(Throwable cause) {
		if (cause instanceof IOException io) {
			return io;
		}
		if (cause instanceof RuntimeException runtime) {
			throw runtime;
		}
		if (cause instanceof Error error) {
			throw error;
		}
		return new IOException(cause.getMessage(), cause);
	}

}
