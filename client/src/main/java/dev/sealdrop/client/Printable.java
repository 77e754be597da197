package dev.sealdrop.client;

/**
 * Text from a server (file names, IDs, certificate names) made safe to print: control characters (C0,
 * DEL and C1, whose U+009B is an 8-bit CSI to many terminals), invisible formatting characters and
 * line/paragraph separators become {@code ?}, so a hostile server cannot drive the terminal.
 */
final class Printable {

	private Printable() {
	}

	static String of(String text) {
		return (text == null) ? "" : text.replaceAll("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]", "?");
	}

}
