package dev.sealdrop.format;

/** No recipient stanza in the archive names any of the keys the reader holds. */
public final class NoMatchingKeyException extends SealdropException {

	private final java.util.List<String> archiveRecipients;

	public NoMatchingKeyException(String message) {
		this(message, java.util.List.of());
	}

	/** @param archiveRecipients text fingerprints of the recipients the archive was made for */
	public NoMatchingKeyException(String message, java.util.List<String> archiveRecipients) {
		super(message);
		this.archiveRecipients = java.util.List.copyOf(archiveRecipients);
	}

	/** Text fingerprints ({@code sha256:...}) of the keys the archive can be opened with. */
	public java.util.List<String> archiveRecipients() {
		return archiveRecipients;
	}

	public NoMatchingKeyException(String message, Throwable cause) {
		super(message, cause);
		this.archiveRecipients = java.util.List.of();
	}

	@Override
	public Kind kind() {
		return Kind.NO_MATCHING_KEY;
	}

}
