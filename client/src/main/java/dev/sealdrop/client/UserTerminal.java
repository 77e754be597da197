package dev.sealdrop.client;

import java.io.Console;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The interactive terminal the user sits at, if there is one: where passphrases are asked without
 * echo and where progress bars are drawn.
 */
interface UserTerminal {

	/** True when standard error, where progress is drawn, is a terminal (a human is watching). */
	boolean interactive();

	/**
	 * Asks for a secret without echo. Returns what was typed (empty if nothing), or {@code null} if
	 * there is no terminal to ask on. Callers wipe the array.
	 */
	char[] readSecret(String prompt);

	/** Where progress is drawn; only called when {@link #interactive()}. */
	PrintStream progressStream();

	static UserTerminal system() {
		return new UserTerminal() {

			@Override
			public boolean interactive() {
				// System.console() looks at standard input and output; the bar goes to standard error
				try {
					return isTerminalDevice(Files.readSymbolicLink(STANDARD_ERROR).toString());
				}
				catch (IOException | UnsupportedOperationException | SecurityException ex) {
					// no /proc (not Linux): the JDK's view is the best there is
					return System.console() != null;
				}
			}

			@Override
			public char[] readSecret(String prompt) {
				Console console = System.console();
				if (console != null) {
					char[] secret = console.readPassword("%s", prompt);
					return (secret != null) ? secret : new char[0];
				}
				return DevTty.readSecret(prompt);
			}

			@Override
			public PrintStream progressStream() {
				return System.err;
			}

		};
	}

	/** Linux's view of file descriptor 2: a link to what it is open on. */
	Path STANDARD_ERROR = Path.of("/proc/self/fd/2");

	/** True if an open file's path (as /proc/self/fd shows it) is a terminal device. */
	static boolean isTerminalDevice(String path) {
		return path.startsWith("/dev/pts/") || path.startsWith("/dev/tty") || path.equals("/dev/console");
	}

	/** No terminal: nothing is asked, no progress is drawn (scripts, pipes, tests). */
	static UserTerminal none() {
		return new UserTerminal() {

			@Override
			public boolean interactive() {
				return false;
			}

			@Override
			public char[] readSecret(String prompt) {
				return null;
			}

			@Override
			public PrintStream progressStream() {
				throw new IllegalStateException("no terminal");
			}

		};
	}

}
