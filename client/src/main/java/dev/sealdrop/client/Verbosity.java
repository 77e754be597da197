package dev.sealdrop.client;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code --verbose} / {@code --quiet} options, mixed into every command so they can be given
 * before or after the command name. Whichever command receives them, the level is kept in one place,
 * the root command, where the error reporter finds it too.
 */
final class Verbosity {

	/** How much a command tells about what it does. */
	enum Level {
		/** Results and errors only: no progress, summaries, warnings or hints. */
		QUIET,
		/** Results, errors, summaries, warnings, and progress on a terminal. */
		NORMAL,
		/** Also details of what is done, and stack traces of errors. */
		VERBOSE
	}

	@Spec(Spec.Target.MIXEE)
	private CommandSpec mixee;

	@Option(names = { "-v", "--verbose" }, order = 101,
			description = "Tell more: details, the HTTP exchange with a server (without secrets), stack traces of errors.")
	void setVerbose(boolean verbose) {
		if (verbose) {
			set(Level.VERBOSE);
		}
	}

	@Option(names = { "-q", "--quiet" }, order = 102,
			description = "Print only results and errors: no progress, summaries or warnings.")
	void setQuiet(boolean quiet) {
		if (quiet) {
			set(Level.QUIET);
		}
	}

	private void set(Level level) {
		SealdropCommand root = (SealdropCommand) this.mixee.root().userObject();
		if (root.level() != Level.NORMAL && root.level() != level) {
			throw new ParameterException(this.mixee.commandLine(), "--verbose and --quiet are mutually exclusive");
		}
		root.level(level);
	}

}
