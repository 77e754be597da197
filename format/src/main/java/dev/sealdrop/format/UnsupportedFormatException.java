package dev.sealdrop.format;

/** The archive declares a format version or algorithm this reader does not implement. */
public final class UnsupportedFormatException extends SealdropException {

	public UnsupportedFormatException(String message) {
		super(message);
	}

	public UnsupportedFormatException(String message, Throwable cause) {
		super(message, cause);
	}

	@Override
	public Kind kind() {
		return Kind.UNSUPPORTED_FORMAT;
	}

}
