package dev.sealdrop.client.net;

import java.net.http.HttpTimeoutException;
import java.time.Duration;

/** No byte moved in either direction for the idle timeout: the connection is given up (and retried). */
final class Stalled extends HttpTimeoutException {

	private static final long serialVersionUID = 1L;

	Stalled(Duration idle) {
		super("no data moved for " + idle.toSeconds() + " s");
	}

}
