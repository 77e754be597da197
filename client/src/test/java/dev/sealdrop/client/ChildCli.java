package dev.sealdrop.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.opentest4j.TestAbortedException;

/**
 * The CLI in a JVM of its own, started by bash in a given directory, for what needs real descriptors:
 * {@code /dev/stdout}, process substitution, a terminal ({@code script} gives one).
 */
final class ChildCli {

	private ChildCli() {
	}

	/** Exit code, standard error, and standard output of the whole shell command. */
	record Run(int exitCode, String err, String out) {
	}

	/** Runs {@code sealdrop <arguments>}, where the arguments may go on with shell syntax (pipes, redirections). */
	static Run run(Path dir, String arguments) throws Exception {
		return shell(dir, command(arguments));
	}

	/**
	 * The same on a terminal of its own (util-linux {@code script}): standard input, output and error
	 * are that terminal unless the command redirects them; what reached it comes back as {@code out}.
	 */
	static Run onTerminal(Path dir, String arguments) throws Exception {
		try {
			if (new ProcessBuilder("script", "--version").start().waitFor() != 0) {
				throw new TestAbortedException("script (util-linux) is not available");
			}
		}
		catch (java.io.IOException ex) {
			throw new TestAbortedException("script (util-linux) is not available", ex);
		}
		String inner = command(arguments).replace("'", "'\\''");
		return shell(dir, "script -qec '" + inner + "' /dev/null");
	}

	private static String command(String arguments) {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		return "\"" + java + "\" -cp \"" + System.getProperty("java.class.path") + "\" dev.sealdrop.client.Main " + arguments;
	}

	private static Run shell(Path dir, String command) throws Exception {
		Path err = Files.createTempFile("sealdrop-stderr-", ".txt");
		Path out = Files.createTempFile("sealdrop-stdout-", ".txt");
		try {
			Process process = new ProcessBuilder("bash", "-c", command).directory(dir.toFile())
				.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
				.redirectOutput(out.toFile())
				.redirectError(err.toFile())
				.start();
			assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
			return new Run(process.exitValue(), Files.readString(err), Files.readString(out));
		}
		finally {
			Files.delete(err);
			Files.delete(out);
		}
	}

}
