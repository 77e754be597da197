package dev.sealdrop.client;

import java.io.PrintWriter;

import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Reports a command line that could not be parsed: one line naming the problem, suggestions for a
 * mistyped option, and where to find help; exit code {@link ExitCode#USAGE}. The full usage text is
 * not dumped: it would bury the one line that matters.
 */
final class UsageErrorReporter implements IParameterExceptionHandler {

	@Override
	public int handleParseException(ParameterException ex, String[] args) {
		CommandLine commandLine = ex.getCommandLine();
		PrintWriter err = commandLine.getErr();
		err.println(ErrorReporter.prefix(commandLine) + ex.getMessage());
		UnmatchedArgumentException.printSuggestions(ex, err);
		err.println("Try '" + commandLine.getCommandSpec().qualifiedName() + " --help' for more information.");
		err.flush();
		return ExitCode.USAGE.code();
	}

}
