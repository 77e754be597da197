package dev.sealdrop.client;

import java.io.PrintWriter;
import java.util.List;

import dev.sealdrop.client.net.RetryPolicy;
import picocli.CommandLine;

/** Entry point of the {@code sealdrop} command-line client. */
public final class Main {

	private Main() {
	}

	/**
	 * The JDK HTTP client's buffer size (its documented {@code jdk.httpclient.bufsize}), unless the
	 * user set one. Its 16 KiB default means a thread hand-off per 16 KiB received; 256 KiB made a
	 * 1 GiB download take a quarter less CPU (docs/BENCHMARKS.md) for a few such buffers in memory.
	 */
	private static final String HTTP_BUFFER_SIZE = String.valueOf(256 * 1024);

	public static void main(String[] args) {
		useLargeHttpBuffers();
		PrintWriter out = new PrintWriter(System.out, true);
		PrintWriter err = new PrintWriter(System.err, true);
		int exitCode = commandLineFor(Io.system(out, err), RetryPolicy.defaults(), args).execute(args);
		out.flush();
		err.flush();
		System.exit(exitCode);
	}

	/** Sets {@link #HTTP_BUFFER_SIZE} unless the user chose a size; before any command runs. */
	static void useLargeHttpBuffers() {
		if (System.getProperty("jdk.httpclient.bufsize") == null) {
			// read once, when the HTTP client's classes initialise
			System.setProperty("jdk.httpclient.bufsize", HTTP_BUFFER_SIZE);
		}
	}

	/**
	 * The configured command line with every command: text output to {@code out}, diagnostics to
	 * {@code err}, binary data on the process's standard streams. {@code execute(args)} returns an
	 * {@link ExitCode} value.
	 */
	public static CommandLine newCommandLine(PrintWriter out, PrintWriter err) {
		return newCommandLine(Io.system(out, err));
	}

	static CommandLine newCommandLine(Io io) {
		return newCommandLine(io, RetryPolicy.defaults());
	}

	static CommandLine newCommandLine(Io io, RetryPolicy retryPolicy) {
		return configure(io, retryPolicy, List.copyOf(SealdropCommand.COMMANDS.values()));
	}

	/**
	 * The command line for one run with {@code args}: only the command they name when that is all the
	 * run can need ({@link SealdropCommand#soleCommand}), every command otherwise. Behaves as
	 * {@link #newCommandLine(Io, RetryPolicy)} for those arguments and starts faster.
	 */
	static CommandLine commandLineFor(Io io, RetryPolicy retryPolicy, String... args) {
		return configure(io, retryPolicy, SealdropCommand.commandsFor(args));
	}

	// the commands first: picocli hands the settings below down to the commands present at the time
	private static CommandLine configure(Io io, RetryPolicy retryPolicy, List<Class<?>> commands) {
		CommandLine commandLine = new CommandLine(new SealdropCommand(io, retryPolicy));
		for (Class<?> command : commands) {
			commandLine.addSubcommand(command);
		}
		CommandLine help = commandLine.getSubcommands().get("help");
		if (help != null) {
			// picocli's own help command: its class is final, so its examples are added here
			help.getCommandSpec().usageMessage().footerHeading("%nExamples:%n")
				.footer("  sealdrop help decrypt", "    the same as sealdrop decrypt --help", "  sealdrop help",
						"    the list of commands, as sealdrop --help shows it");
		}
		commandLine.getCommandSpec().usageMessage().exitCodeList(ExitCode.helpTable());
		commandLine.setOut(io.out());
		commandLine.setErr(io.err());
		commandLine.setExecutionExceptionHandler(new ErrorReporter());
		commandLine.setParameterExceptionHandler(new UsageErrorReporter());
		return commandLine;
	}

}
