package dev.sealdrop.format;

/** The archive is not well formed: not a ZIP, bad JSON, wrong types or encodings, wrong entry order, missing or extra entries, or a limit exceeded. */
public final class MalformedArchiveException extends SealdropException {

	public MalformedArchiveException(String message) {
		super(message);
	}

	public MalformedArchiveException(String message, Throwable cause) {
		super(message, cause);
	}

	@Override
	public Kind kind() {
		return Kind.MALFORMED_ARCHIVE;
	}

}
