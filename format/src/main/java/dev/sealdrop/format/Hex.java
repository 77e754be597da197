package dev.sealdrop.format;

/** Lowercase hex as FORMAT.md §2 defines it: two digits per byte; readers reject upper case. */
final class Hex {

	private static final char[] DIGITS = "0123456789abcdef".toCharArray();

	private Hex() {
	}

	static String encode(byte[] bytes) {
		char[] out = new char[bytes.length * 2];
		for (int i = 0; i < bytes.length; i++) {
			out[2 * i] = DIGITS[(bytes[i] >> 4) & 0xf];
			out[2 * i + 1] = DIGITS[bytes[i] & 0xf];
		}
		return new String(out);
	}

	/**
	 * Decodes lowercase hex.
	 * @throws IllegalArgumentException on odd length, upper case or any other character (the
	 * message never contains the text)
	 */
	static byte[] decode(String text) {
		if (text == null) {
			throw new IllegalArgumentException("missing hex");
		}
		if (text.length() % 2 != 0) {
			throw new IllegalArgumentException("hex has an odd number of digits");
		}
		byte[] out = new byte[text.length() / 2];
		for (int i = 0; i < out.length; i++) {
			out[i] = (byte) ((digit(text.charAt(2 * i)) << 4) | digit(text.charAt(2 * i + 1)));
		}
		return out;
	}

	private static int digit(char c) {
		if (c >= '0' && c <= '9') {
			return c - '0';
		}
		if (c >= 'a' && c <= 'f') {
			return c - 'a' + 10;
		}
		throw new IllegalArgumentException("not lowercase hex");
	}

}
