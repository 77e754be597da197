package dev.sealdrop.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Base of every sealdrop command: {@code --help}, {@code --verbose}/{@code --quiet}, access to the
 * {@link Io}, and the user-facing message helpers. A command implements {@link #run()} and reports
 * failures by throwing: {@link ErrorReporter} turns every exception into one line on stderr and an
 * {@link ExitCode}, so commands contain no exit-code logic of their own.
 */
abstract class BaseCommand implements Callable<Integer> {

	/** The name that stands for standard input or output. */
	static final String STDIO = "-";

	@Spec
	CommandSpec spec;

	@Option(names = { "-h", "--help" }, usageHelp = true, order = 100, description = "Show this help and exit.")
	boolean helpRequested;

	@Mixin
	Verbosity verbosity;

	@Override
	public final Integer call() throws Exception {
		ExitCode result = run();
		io().out().flush();
		io().err().flush();
		return result.code();
	}

	/** Does the work; throws on failure (see {@link ErrorReporter} for the mapping to exit codes). */
	abstract ExitCode run() throws Exception;

	final Io io() {
		return root().io();
	}

	final boolean quiet() {
		return root().level() == Verbosity.Level.QUIET;
	}

	final boolean verbose() {
		return root().level() == Verbosity.Level.VERBOSE;
	}

	/** A summary line on stderr, unless {@code --quiet}. */
	final void info(String format, Object... args) {
		if (!quiet()) {
			io().err().println(String.format(format, args));
		}
	}

	/** A detail on stderr, only with {@code --verbose}. */
	final void detail(String format, Object... args) {
		if (verbose()) {
			io().err().println(String.format(format, args));
		}
	}

	/** A warning on stderr, unless {@code --quiet}. */
	final void warn(String format, Object... args) {
		if (!quiet()) {
			io().err().println("sealdrop: warning: " + String.format(format, args));
		}
	}

	/** Opens a file given on the command line, or standard input for {@code -}. */
	final InputStream openInput(String name) throws IOException, CommandException {
		if (STDIO.equals(name)) {
			return new NonClosingInputStream(io().stdin());
		}
		Path path = io().resolve(name);
		if (Files.isDirectory(path)) {
			throw new CommandException(ExitCode.IO_ERROR, name + ": is a directory");
		}
		if (!Files.exists(path)) {
			throw new NoSuchFileException(name);
		}
		return Files.newInputStream(path);
	}

	/** Standard output for binary data; closing it only flushes. */
	final OutputStream binaryStdout() {
		return new NonClosingOutputStream(io().stdout());
	}

	/** The length of an input if it is a regular file, else -1 (standard input, pipes, devices). */
	final long knownLength(String name) throws IOException {
		if (STDIO.equals(name)) {
			return -1;
		}
		Path path = io().resolve(name);
		return Files.isRegularFile(path) ? Files.size(path) : -1;
	}

	/**
	 * Fails before any work is done if {@code target} may not be written ({@link AtomicOutput#check}):
	 * it exists and {@code force} is not given, or it is a link or special file that is never replaced.
	 * @param named the user gave this name (not sealdrop, from an archive), so their own descriptors
	 * and devices are written in place
	 */
	final void refuseExisting(Path target, boolean force, boolean named) throws IOException, CommandException {
		try {
			AtomicOutput.check(target, force, named);
		}
		catch (FileAlreadyExistsException ex) {
			throw new FileAlreadyExistsException(display(target));
		}
	}

	/**
	 * Copies plaintext that is verified as it is read into an output. A pipe or device gets it chunk
	 * by chunk, as standard output does, so a failure there must say that what arrived is incomplete.
	 */
	final long copyPlaintext(InputStream plaintext, AtomicOutput out) throws IOException, CommandException {
		try {
			return Streams.copy(plaintext, out.stream());
		}
		catch (IOException ex) {
			if (out.inPlace()) {
				throw CommandException.withHint(ex,
						"the plaintext already written to " + display(out.target()) + " is incomplete: discard it");
			}
			throw ex;
		}
	}

	/** A path as the user should see it: relative to the working directory when inside it. */
	final String display(Path path) {
		Path absolute = path.toAbsolutePath().normalize();
		Path workDir = io().workDir().toAbsolutePath().normalize();
		return absolute.startsWith(workDir) && !absolute.equals(workDir) ? workDir.relativize(absolute).toString()
				: absolute.toString();
	}

	final SealdropCommand root() {
		return (SealdropCommand) this.spec.root().userObject();
	}

}
