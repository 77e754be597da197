package dev.sealdrop.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Help, usage errors and exit codes of the server commands, through the public entry point. */
class ServerCommandHelpTests {

	@TempDir
	Path dir;

	@Test
	void rootHelpListsTheServerCommandsTheirExitCodesAndAnExample() {
		StringWriter out = new StringWriter();
		int exitCode = Main.newCommandLine(new PrintWriter(out), new PrintWriter(new StringWriter())).execute("--help");

		assertThat(exitCode).isZero();
		assertThat(out.toString()).contains("login", "register", "server-key", "upload", "download", "ls", "share",
				"clients", "completion")
			.contains(" 10   Server unreachable").contains(" 14   The server's identity does not match known_servers")
			.contains("sealdrop login --server https://files.example.com --user alice");
		assertThat(out.toString().strip()).endsWith("Run 'sealdrop COMMAND --help' for the options of a command.");
	}

	@Test
	void uploadHelpEndsWithExamples() {
		StringWriter out = new StringWriter();
		int exitCode = Main.newCommandLine(new PrintWriter(out), new PrintWriter(new StringWriter()))
			.execute("upload", "--help");

		assertThat(exitCode).isZero();
		String help = out.toString();
		assertThat(help.substring(help.indexOf("Examples:"))).contains("sealdrop upload report.pdf");
		assertThat(help.strip()).endsWith("from standard input (not retried once sending began)");
	}

	@Test
	void completionPrintsABashScriptForAllCommands() {
		CliRun.Result result = new CliRun(this.dir).run("completion", "bash");

		assertThat(result.exitCode()).isZero();
		assertThat(result.out()).contains("complete -F").contains("upload").contains("server-key").contains("--server");
	}

	@Test
	void completionForAnUnknownShellIsAUsageError() {
		CliRun.Result result = new CliRun(this.dir).run("completion", "tcsh");

		assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE.code());
		assertThat(result.err()).startsWith("sealdrop: completion: unsupported shell: tcsh");
	}

	@Test
	void nameWithSeveralFilesIsAUsageErrorBeforeAnythingIsSent() {
		CliRun.Result result = new CliRun(this.dir).env("XDG_CONFIG_HOME", this.dir.toString())
			.run("upload", "--name", "x", "a", "b");

		assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE.code());
		assertThat(result.err()).startsWith("sealdrop: upload: --name applies to one file, but 2 were given");
	}

	@Test
	void aFileIdThatCannotBeOneIsAUsageError() {
		CliRun.Result result = new CliRun(this.dir).env("XDG_CONFIG_HOME", this.dir.toString()).run("info", "../x y");

		assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE.code());
		assertThat(result.err()).startsWith("sealdrop: info: not a file ID");
	}

	@Test
	void anInvalidServerUrlIsAUsageError() {
		CliRun.Result result = new CliRun(this.dir).env("XDG_CONFIG_HOME", this.dir.toString())
			.run("server-key", "--server", "ftp://example.com");

		assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE.code());
		assertThat(result.err()).contains("https://");
	}

}
