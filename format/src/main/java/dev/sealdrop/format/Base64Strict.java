package dev.sealdrop.format;

import java.util.Base64;

/**
 * Base64 exactly as FORMAT.md §2 allows it: RFC 4648 §4 standard alphabet, {@code =} padding, no
 * line breaks. The JDK decoder alone is too lenient (it accepts missing padding and ignores
 * non-zero trailing bits), so a decoded value is accepted only if it re-encodes to the very same
 * text: that leaves exactly one accepted spelling per byte string, so nothing in an archive is
 * malleable.
 */
final class Base64Strict {

	private Base64Strict() {
	}

	static String encode(byte[] bytes) {
		return Base64.getEncoder().encodeToString(bytes);
	}

	/**
	 * Decodes canonical standard base64.
	 * @throws IllegalArgumentException if the text is not canonical standard base64 (the message
	 * never contains the text)
	 */
	static byte[] decode(String text) {
		return decode(text, Base64.getDecoder(), Base64.getEncoder(), "base64");
	}

	/**
	 * Decodes canonical base64url without padding (RFC 4648 §5), the form JWK (RFC 7518) uses.
	 * @throws IllegalArgumentException if the text is not canonical unpadded base64url
	 */
	static byte[] decodeUrlUnpadded(String text) {
		return decode(text, Base64.getUrlDecoder(), Base64.getUrlEncoder().withoutPadding(), "base64url");
	}

	static String encodeUrlUnpadded(byte[] bytes) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private static byte[] decode(String text, Base64.Decoder decoder, Base64.Encoder encoder, String what) {
		if (text == null) {
			throw new IllegalArgumentException("missing " + what);
		}
		byte[] bytes;
		try {
			bytes = decoder.decode(text);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("not valid " + what);
		}
		if (!encoder.encodeToString(bytes).equals(text)) {
			throw new IllegalArgumentException("not canonical " + what + " (padding or trailing bits)");
		}
		return bytes;
	}

}
