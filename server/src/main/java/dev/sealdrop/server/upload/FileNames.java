package dev.sealdrop.server.upload;

import java.nio.charset.StandardCharsets;

import dev.sealdrop.server.problem.ApiException;
import dev.sealdrop.server.problem.ProblemType;

/**
 * Rules for the file names the server stores and shows. A name is display data, never a path; one
 * that could mislead a user or a terminal is rejected, not silently changed.
 */
final class FileNames {

	static final int MAX_BYTES = 255;

	private FileNames() {
	}

	/**
	 * Checks a name: 1 to 255 UTF-8 bytes; no control characters, line or paragraph separators or
	 * bidirectional overrides (they disguise names such as {@code exe.txt}); no {@code /} or
	 * {@code \}; not {@code .} or {@code ..}; no leading or trailing white space.
	 * @param what says where the name came from, for the error detail
	 * @throws ApiException validation-failed
	 */
	static String check(String name, String what) {
		if (name == null || name.isEmpty()) {
			throw invalid(what + " is empty");
		}
		if (name.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
			throw invalid(what + " is longer than " + MAX_BYTES + " bytes of UTF-8");
		}
		if (name.equals(".") || name.equals("..")) {
			throw invalid(what + " must not be . or ..");
		}
		if (!name.strip().equals(name)) {
			throw invalid(what + " must not begin or end with white space");
		}
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			if (c == '/' || c == '\\') {
				throw invalid(what + " must not contain / or \\ (it is a name, not a path)");
			}
			if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || (c >= '\u202A' && c <= '\u202E')
					|| (c >= '\u2066' && c <= '\u2069') || c == '\u200E' || c == '\u200F' || c == '\uFEFF') {
				throw invalid(what + " contains a control or direction-changing character (U+"
						+ String.format("%04X", (int) c) + ")");
			}
			if (Character.isSurrogate(c) && !validSurrogatePair(name, i)) {
				throw invalid(what + " is not valid Unicode");
			}
			if (Character.isHighSurrogate(c)) {
				i++;
			}
		}
		return name;
	}

	private static boolean validSurrogatePair(String s, int i) {
		return Character.isHighSurrogate(s.charAt(i)) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
	}

	private static ApiException invalid(String detail) {
		return new ApiException(ProblemType.VALIDATION_FAILED, "Invalid file name: " + detail + ".");
	}

}
