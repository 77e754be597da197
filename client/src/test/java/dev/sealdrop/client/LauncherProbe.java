package dev.sealdrop.client;

import java.io.IOException;

/**
 * The program {@link LauncherScriptTests} starts through the launcher: prints each argument in
 * brackets, then its standard input, writes one line to standard error, and exits with the status
 * given as {@code exit=N}.
 */
public final class LauncherProbe {

	private LauncherProbe() {
	}

	public static void main(String[] args) throws IOException {
		int status = 0;
		StringBuilder out = new StringBuilder();
		for (String arg : args) {
			out.append('[').append(arg).append(']');
			if (arg.startsWith("exit=")) {
				status = Integer.parseInt(arg.substring(5));
			}
		}
		System.out.print(out);
		System.out.write(System.in.readAllBytes());
		System.out.flush();
		System.err.println("probe: on stderr");
		System.exit(status);
	}

}
