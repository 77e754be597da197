package dev.sealdrop.client.config;

/**
 * The server presented an identity other than the one pinned in {@code known_servers}: possibly an
 * attacker in the middle, possibly a legitimate change (new certificate, rotated key). Every command
 * must stop on it; the message carries both fingerprints so the user can compare them out of band
 * and, only if the change is expected, re-pin with {@code sealdrop server-key --trust}.
 */
public class PinMismatchException extends Exception {

	private static final long serialVersionUID = 1L;

	private final transient ServerUrl server;

	private final String what;

	private final String pinned;

	private final String presented;

	/**
	 * @param what the thing that differs, e.g. "certificate", "CA", "encryption key"
	 */
	public PinMismatchException(ServerUrl server, String what, String pinned, String presented) {
		super("The " + what + " of " + server + " does not match known_servers: pinned " + pinned
				+ ", server presented " + presented);
		this.server = server;
		this.what = what;
		this.pinned = pinned;
		this.presented = presented;
	}

	public ServerUrl server() {
		return server;
	}

	/** What differs: "certificate", "CA" or "encryption key". */
	public String what() {
		return what;
	}

	/** The fingerprint in {@code known_servers}. */
	public String pinned() {
		return pinned;
	}

	/** The fingerprint the server presented now. */
	public String presented() {
		return presented;
	}

}
