package dev.sealdrop.format;

import java.util.regex.Pattern;

/**
 * PEM armor (RFC 7468) for one block. Two readers: {@link #decode} for key files a person hands
 * us (surrounding whitespace and CRLF line ends are tolerated, nothing else), and
 * {@link #decodeCanonical} for PEM inside an archive, where exactly one spelling is allowed so the
 * header is not malleable.
 */
final class Pem {

	/** Far above any P-384 key in any encoding; bounds the work done on hostile input. */
	static final int MAX_TEXT_LENGTH = 64 * 1024;

	private static final int LINE_LENGTH = 64;

	private static final Pattern LABEL = Pattern.compile("[A-Z0-9 ]{1,40}");

	private Pem() {
	}

	/** One block with 64-column base64 lines and {@code \n} line ends, the form FORMAT.md §5.1 requires. */
	static String encode(String label, byte[] der) {
		String base64 = Base64Strict.encode(der);
		StringBuilder out = new StringBuilder(base64.length() + base64.length() / LINE_LENGTH + 2 * label.length() + 40);
		out.append("-----BEGIN ").append(label).append("-----\n");
		for (int i = 0; i < base64.length(); i += LINE_LENGTH) {
			out.append(base64, i, Math.min(base64.length(), i + LINE_LENGTH)).append('\n');
		}
		out.append("-----END ").append(label).append("-----\n");
		return out.toString();
	}

	/**
	 * Decodes a single PEM block with the given label. Leading and trailing whitespace and CRLF line
	 * ends are accepted; headers, other labels, further blocks and non-canonical base64 are not.
	 */
	static byte[] decode(String text, String label) throws InvalidKeyException {
		if (text == null || text.isBlank()) {
			throw new InvalidKeyException("empty key text");
		}
		if (text.length() > MAX_TEXT_LENGTH) {
			throw new InvalidKeyException("key text is too long for a P-384 key");
		}
		String[] lines = text.strip().replace("\r\n", "\n").split("\n", -1);
		String begin = lines[0];
		if (!begin.startsWith("-----BEGIN ") || !begin.endsWith("-----")) {
			throw new InvalidKeyException("not PEM: expected -----BEGIN " + label + "-----");
		}
		String found = begin.substring("-----BEGIN ".length(), begin.length() - "-----".length());
		if (!found.equals(label)) {
			throw new InvalidKeyException("expected a PEM " + label + " block, found "
					+ (LABEL.matcher(found).matches() ? found : "another label"));
		}
		if (lines.length < 3 || !lines[lines.length - 1].equals("-----END " + label + "-----")) {
			throw new InvalidKeyException("PEM " + label + " block is not terminated by -----END " + label
					+ "----- (or is followed by more text)");
		}
		StringBuilder base64 = new StringBuilder(text.length());
		for (int i = 1; i < lines.length - 1; i++) {
			String line = lines[i];
			if (line.startsWith("-----")) {
				throw new InvalidKeyException("PEM text holds more than one block; give one key");
			}
			if (line.isEmpty() || line.length() > 76) {
				throw new InvalidKeyException("PEM " + label + " block has a malformed line (empty, too long, or a header)");
			}
			base64.append(line);
		}
		try {
			return Base64Strict.decode(base64.toString());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidKeyException("PEM " + label + " block is not valid base64: " + ex.getMessage());
		}
	}

	/**
	 * Decodes PEM that must be exactly in the form {@link #encode} writes.
	 * @throws IllegalArgumentException if it is not (the message never contains the text)
	 */
	static byte[] decodeCanonical(String text, String label) {
		if (text == null || text.length() > MAX_TEXT_LENGTH) {
			throw new IllegalArgumentException("PEM " + label + " missing or too long");
		}
		String prefix = "-----BEGIN " + label + "-----\n";
		String suffix = "-----END " + label + "-----\n";
		if (!text.startsWith(prefix) || !text.endsWith(suffix) || text.length() < prefix.length() + suffix.length()) {
			throw new IllegalArgumentException("not a canonical PEM " + label + " block");
		}
		String body = text.substring(prefix.length(), text.length() - suffix.length()).replace("\n", "");
		byte[] der;
		try {
			der = Base64Strict.decode(body);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("PEM " + label + " block is not valid base64");
		}
		if (!encode(label, der).equals(text)) {
			throw new IllegalArgumentException("PEM " + label + " block is not in canonical form (64-column lines, \\n line ends)");
		}
		return der;
	}

}
