package dev.sealdrop.client;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.sealdrop.client.net.RetryPolicy;

/** Runs the CLI in-process against a temporary working directory, with scripted stdin, env and terminal. */
final class CliRun {

	private final Path workDir;

	private final Map<String, String> env = new HashMap<>();

	private byte[] stdin = new byte[0];

	private UserTerminal terminal = UserTerminal.none();

	private RetryPolicy retryPolicy = RetryPolicy.defaults();

	CliRun(Path workDir) {
		this.workDir = workDir;
	}

	CliRun env(String name, String value) {
		this.env.put(name, value);
		return this;
	}

	/** How the server commands retry, e.g. with short waits. */
	CliRun retryPolicy(RetryPolicy retryPolicy) {
		this.retryPolicy = retryPolicy;
		return this;
	}

	CliRun stdin(byte[] bytes) {
		this.stdin = bytes.clone();
		return this;
	}

	/** A terminal that answers passphrase prompts with these lines, in order, and records the prompts. */
	FakeTerminal terminal(String... answers) {
		FakeTerminal fake = new FakeTerminal(List.of(answers));
		this.terminal = fake;
		return fake;
	}

	Result run(String... args) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		ByteArrayOutputStream stdout = new ByteArrayOutputStream();
		Io io = new Io(new ByteArrayInputStream(this.stdin), stdout, new PrintWriter(out, true),
				new PrintWriter(err, true), Map.copyOf(this.env), this.workDir, this.terminal);
		// as Main runs a command: with only the command the arguments need
		int exitCode = Main.commandLineFor(io, this.retryPolicy, args).execute(args);
		return new Result(exitCode, out.toString(), err.toString(), stdout.toByteArray());
	}

	Path path(String name) {
		return this.workDir.resolve(name);
	}

	Path write(String name, byte[] content) throws IOException {
		return Files.write(this.workDir.resolve(name), content);
	}

	/** Names of all files in the working directory, temporary files included. */
	List<String> files() throws IOException {
		try (Stream<Path> files = Files.list(this.workDir)) {
			return files.map((file) -> file.getFileName().toString()).sorted().toList();
		}
	}

	record Result(int exitCode, String out, String err, byte[] stdout) {

		@Override
		public String toString() {
			return "exit " + this.exitCode + "\n--- out:\n" + this.out + "--- err:\n" + this.err;
		}

	}

	static final class FakeTerminal implements UserTerminal {

		private final Deque<String> answers;

		final List<String> prompts = new java.util.ArrayList<>();

		final ByteArrayOutputStream progress = new ByteArrayOutputStream();

		FakeTerminal(List<String> answers) {
			this.answers = new ArrayDeque<>(answers);
		}

		@Override
		public boolean interactive() {
			return true;
		}

		@Override
		public char[] readSecret(String prompt) {
			this.prompts.add(prompt);
			String answer = this.answers.poll();
			return (answer != null) ? answer.toCharArray() : null;
		}

		@Override
		public PrintStream progressStream() {
			return new PrintStream(this.progress, true);
		}

	}

}
