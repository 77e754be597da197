package dev.sealdrop.client;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

/**
 * Everything a command touches besides its arguments: standard streams, environment, working
 * directory and terminal. The process uses {@link #system}; tests build their own.
 *
 * @param stdin binary standard input (archives and plaintext read from {@code -})
 * @param stdout binary standard output (archives and plaintext written to {@code -})
 * @param out text output: results meant for the user or a script (fingerprints, inspect output)
 * @param err text diagnostics: progress, warnings, errors
 * @param env environment variables ({@code SEALDROP_PASSPHRASE})
 * @param workDir where relative paths and default output names are resolved
 * @param terminal the interactive terminal, if any
 */
record Io(InputStream stdin, OutputStream stdout, PrintWriter out, PrintWriter err, Map<String, String> env,
		Path workDir, UserTerminal terminal) {

	/** The environment variable a passphrase is taken from instead of asking. */
	static final String PASSPHRASE_ENV = "SEALDROP_PASSPHRASE";

	static Io system(PrintWriter out, PrintWriter err) {
		// Not System.out: a PrintStream swallows write errors, and a full disk or a closed pipe must fail
		// the command instead of ending it with exit code 0 and a truncated archive or plaintext.
		OutputStream stdout = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 64 * 1024);
		return new Io(System.in, stdout, out, err, System.getenv(), Path.of("").toAbsolutePath(),
				UserTerminal.system());
	}

	/** Resolves a command-line path against the working directory. */
	Path resolve(String path) {
		return this.workDir.resolve(path);
	}

}
