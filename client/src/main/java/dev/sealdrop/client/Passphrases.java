package dev.sealdrop.client;

/**
 * Where passphrases come from: the {@code SEALDROP_PASSPHRASE} environment variable when set (for
 * scripts), otherwise the terminal, without echo. Returned arrays are the caller's to wipe.
 */
final class Passphrases {

	private final Io io;

	Passphrases(Io io) {
		this.io = io;
	}

	/** A passphrase for a new key: asked twice on the terminal. */
	char[] forNewKey() throws CommandException {
		char[] fromEnv = fromEnvironment();
		if (fromEnv != null) {
			return fromEnv;
		}
		char[] first = ask("Passphrase for the new key: ");
		char[] second = null;
		try {
			second = ask("Repeat the passphrase: ");
			if (!Secrets.equal(first, second)) {
				throw new CommandException(ExitCode.USAGE, "the passphrases do not match", "run keygen again");
			}
			char[] result = first;
			first = null;
			return result;
		}
		finally {
			Secrets.wipe(first);
			Secrets.wipe(second);
		}
	}

	/** The passphrase of an existing, encrypted key file. */
	char[] forKey(String keyFile) throws CommandException {
		char[] fromEnv = fromEnvironment();
		return (fromEnv != null) ? fromEnv : ask("Passphrase for " + keyFile + ": ");
	}

	private char[] fromEnvironment() throws CommandException {
		String value = this.io.env().get(Io.PASSPHRASE_ENV);
		if (value == null) {
			return null;
		}
		if (value.isEmpty()) {
			throw new CommandException(ExitCode.USAGE, Io.PASSPHRASE_ENV + " is set but empty",
					"unset it to be asked on the terminal");
		}
		return value.toCharArray();
	}

	private char[] ask(String prompt) throws CommandException {
		char[] answer = this.io.terminal().readSecret(prompt);
		if (answer == null) {
			throw new CommandException(ExitCode.USAGE, "a passphrase is needed but there is no terminal to ask for it",
					"set " + Io.PASSPHRASE_ENV);
		}
		if (answer.length == 0) {
			throw new CommandException(ExitCode.USAGE, "no passphrase entered");
		}
		return answer;
	}

}
