package dev.sealdrop.client.net;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Produces an upload body by writing it, e.g. {@code out -> { try (var enc = Sealdrop.encrypt(out, ...)) { in.transferTo(enc); } }}.
 * The client runs it on its own thread while the bytes stream into the HTTP request, so nothing is
 * buffered on disk and only a few chunks in memory.
 *
 * <p>On a retry the client calls {@link #writeTo} again from the start, with a fresh stream: a
 * replayable supplier (the default) must then produce the same logical content again, e.g. by
 * re-opening the file. A supplier over standard input cannot; wrap it with {@link #once} and the
 * client retries it only if it had not started reading yet (a connection that could not be opened).
 */
@FunctionalInterface
public interface BodySupplier {

	/**
	 * Writes the whole body to {@code out}. May close {@code out}; the client closes it afterwards
	 * either way. An exception from here (other than the stream being aborted because the request
	 * failed) is a local failure: it is not retried and is rethrown to the caller as is (wrapped in
	 * an IOException if it is not one).
	 */
	void writeTo(OutputStream out) throws Exception;

	/** Whether {@link #writeTo} can be called again after a partial run. */
	default boolean replayable() {
		return true;
	}

	/** Marks a body as producible once only (standard input). */
	static BodySupplier once(BodySupplier body) {
		return new BodySupplier() {

			@Override
			public void writeTo(OutputStream out) throws Exception {
				body.writeTo(out);
			}

			@Override
			public boolean replayable() {
				return false;
			}

		};
	}

}
