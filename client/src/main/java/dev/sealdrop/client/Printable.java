package dev.sealdrop.client;

/**
 * Text from a server (file names, IDs, certificate names) made safe to print: control and invisible
 * formatting characters become {@code ?}, so a hostile server cannot drive the terminal.
 */
final class Printable {

	private Printable() {
	}

	static String of(String text) {
		return (text == null) ? "" : text.replaceAll("[\\p{Cntrl}\\p{Cf}]", "?");
	}

}
