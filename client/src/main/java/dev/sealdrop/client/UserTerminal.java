package dev.sealdrop.client;

import java.io.Console;
import java.io.PrintStream;

/**
 * The interactive terminal the user sits at, if there is one: where passphrases are asked without
 * echo and where progress bars are drawn.
 */
interface UserTerminal {

	/** True when both standard input and output are a terminal (a human is watching). */
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
				return System.console() != null;
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
