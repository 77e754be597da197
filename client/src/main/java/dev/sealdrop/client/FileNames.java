package dev.sealdrop.client;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** File names the CLI derives: public key next to a private key, safe output names from archive data. */
final class FileNames {

	/** A file name is at most this many UTF-8 bytes (FORMAT.md §5.3, and common file systems). */
	static final int MAX_NAME_BYTES = 255;

	private FileNames() {
	}

	/** {@code key.pem} → {@code key.pub.pem}; {@code key} → {@code key.pub.pem}. */
	static Path publicKeyPath(Path privateKey) {
		String name = privateKey.getFileName().toString();
		String base = name.endsWith(".pem") ? name.substring(0, name.length() - ".pem".length()) : name;
		return privateKey.resolveSibling(base + ".pub.pem");
	}

	/**
	 * Turns a name read from an archive into a file name that is safe to create in a directory. The
	 * name is attacker-controlled data, never a path: separators, control and invisible formatting
	 * characters (including bidirectional overrides) become {@code _}; a leading {@code .} or {@code -}
	 * becomes {@code _} so the result is neither a hidden file (think {@code .bashrc}) nor an option;
	 * an empty result, {@code .} or {@code ..} yields {@code fallback} (itself sanitized).
	 */
	static String safeFileName(String name, String fallback) {
		String safe = sanitize(name);
		if (safe.isEmpty()) {
			safe = sanitize(fallback);
		}
		return safe.isEmpty() ? "sealdrop-output" : safe;
	}

	private static String sanitize(String name) {
		if (name == null) {
			return "";
		}
		StringBuilder safe = new StringBuilder(name.length());
		name.codePoints().forEach((cp) -> safe.appendCodePoint(isUnsafe(cp) ? '_' : cp));
		String result = safe.toString().strip();
		if (result.equals(".") || result.equals("..")) {
			return "";
		}
		if (result.startsWith(".") || result.startsWith("-")) {
			result = "_" + result.substring(1);
		}
		return truncate(result);
	}

	private static boolean isUnsafe(int cp) {
		if (cp == '/' || cp == '\\' || cp == 0x7f) {
			return true;
		}
		return switch (Character.getType(cp)) {
			case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
					Character.SURROGATE, Character.UNASSIGNED, Character.PRIVATE_USE -> true;
			default -> false;
		};
	}

	private static String truncate(String name) {
		if (name.getBytes(StandardCharsets.UTF_8).length <= MAX_NAME_BYTES) {
			return name;
		}
		StringBuilder shorter = new StringBuilder();
		int bytes = 0;
		for (int i = 0; i < name.length();) {
			int cp = name.codePointAt(i);
			int length = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
			if (bytes + length > MAX_NAME_BYTES) {
				break;
			}
			shorter.appendCodePoint(cp);
			bytes += length;
			i += Character.charCount(cp);
		}
		return shorter.toString();
	}

	/** The archive's file name without {@code .zip}, as a fallback name for its content. */
	static String withoutZip(String archiveFileName) {
		return archiveFileName.endsWith(".zip") && archiveFileName.length() > 4
				? archiveFileName.substring(0, archiveFileName.length() - 4) : archiveFileName + ".decrypted";
	}

	/** Checks a name to store in an archive (FORMAT.md §5.3); returns a problem or {@code null}. */
	static String problemWithArchiveName(String name) {
		if (name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
			return "is longer than " + MAX_NAME_BYTES + " bytes";
		}
		if (name.indexOf('\0') >= 0 || name.indexOf('/') >= 0 || name.indexOf('\\') >= 0) {
			return "must not contain '/', '\\' or NUL (it is a file name, not a path)";
		}
		return null;
	}

}
