package dev.sealdrop.format;

/** A stanza, chunk, checksum or digest did not authenticate or match: the archive was corrupted, truncated, reordered or tampered with. */
public final class IntegrityException extends SealdropException {

	public IntegrityException(String message) {
		super(message);
	}

	public IntegrityException(String message, Throwable cause) {
		super(message, cause);
	}

	@Override
	public Kind kind() {
		return Kind.INTEGRITY_FAILURE;
	}

}
