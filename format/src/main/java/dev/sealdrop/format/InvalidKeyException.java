package dev.sealdrop.format;

/** Key material that is not a valid P-384 key in an accepted encoding (other curve, off-curve point, point at infinity, bad PEM or JWK). */
public final class InvalidKeyException extends SealdropException {

	public InvalidKeyException(String message) {
		super(message);
	}

	public InvalidKeyException(String message, Throwable cause) {
		super(message, cause);
	}

	@Override
	public Kind kind() {
		return Kind.INVALID_KEY;
	}

}
