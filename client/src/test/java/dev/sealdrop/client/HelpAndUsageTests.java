package dev.sealdrop.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HelpAndUsageTests {

	@TempDir
	Path dir;

	@Test
	void rootHelpListsCommandsExitCodesAndExamples() {
		CliRun.Result result = new CliRun(this.dir).run("--help");

		assertThat(result.exitCode()).isEqualTo(0);
		assertThat(result.out()).contains("keygen", "encrypt", "decrypt", "inspect")
			.contains("Exit codes:")
			.contains("Examples:")
			.contains("sealdrop encrypt -r alice.pub.pem");
		for (ExitCode exitCode : ExitCode.values()) {
			assertThat(result.out()).contains(String.format("%3d   ", exitCode.code()));
		}
		assertThat(result.out().indexOf("Exit codes:")).isLessThan(result.out().indexOf("Examples:"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "keygen", "encrypt", "decrypt", "inspect", "login", "logout", "register", "server-key", "upload",
			"download", "ls", "info", "rm", "share", "clients", "completion", "help" })
	void everyCommandsHelpEndsWithExamplesOfThatCommand(String command) {
		CliRun.Result result = new CliRun(this.dir).run(command, "--help");

		assertThat(result.exitCode()).isEqualTo(0);
		String examples = result.out().substring(result.out().indexOf("Examples:"));
		assertThat(examples).contains("sealdrop " + command);
	}

	@Test
	void helpCommandShowsACommandsHelp() {
		CliRun.Result result = new CliRun(this.dir).run("help", "decrypt");

		assertThat(result.exitCode()).isEqualTo(0);
		assertThat(result.out()).contains("Usage: sealdrop decrypt");
	}

	@Test
	void unknownOptionIsAUsageErrorWithOneLineAndAPointerToHelp() {
		CliRun.Result result = new CliRun(this.dir).run("inspect", "--jsno", "x.zip");

		assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE.code());
		assertThat(result.err()).startsWith("sealdrop: inspect: Unknown option: '--jsno'")
			.contains("Try 'sealdrop inspect --help'");
		assertThat(result.out()).isEmpty();
	}

	@Test
	void unknownCommandIsAUsageError() {
		CliRun.Result result = new CliRun(this.dir).run("encrpyt");

		assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE.code());
		assertThat(result.err()).contains("encrpyt").contains("encrypt");
	}

	@Test
	void missingRequiredOptionIsAUsageError() {
		CliRun.Result result = new CliRun(this.dir).run("decrypt", "x.zip");

		assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE.code());
		assertThat(result.err()).contains("--identity");
	}

	@Test
	void noCommandShowsUsageAsAUsageError() {
		CliRun.Result result = new CliRun(this.dir).run();

		assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE.code());
		assertThat(result.err()).contains("Usage: sealdrop");
	}

	@Test
	void verboseAndQuietTogetherAreAUsageError() {
		CliRun.Result result = new CliRun(this.dir).run("--verbose", "inspect", "--quiet", "x.zip");

		assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE.code());
		assertThat(result.err()).contains("mutually exclusive");
	}

	@Test
	void chunkSizeOutOfRangeIsAUsageError() {
		CliRun.Result result = new CliRun(this.dir).run("encrypt", "-r", "k.pub.pem", "--chunk-size", "32KiB", "f");

		assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE.code());
		assertThat(result.err()).contains("64KiB to 16MiB");
	}

	@Test
	void thePublicFactoryWritesToTheGivenWriters() {
		java.io.StringWriter out = new java.io.StringWriter();
		java.io.StringWriter err = new java.io.StringWriter();

		int exitCode = Main.newCommandLine(new java.io.PrintWriter(out), new java.io.PrintWriter(err))
			.execute("inspect", "--no-such-option", "x.zip");

		assertThat(exitCode).isEqualTo(ExitCode.USAGE.code());
		assertThat(out.toString()).isEmpty();
		assertThat(err.toString()).startsWith("sealdrop: inspect: Unknown option");
	}

	@Test
	void versionPrintsTheVersion() {
		CliRun.Result result = new CliRun(this.dir).run("--version");

		assertThat(result.exitCode()).isEqualTo(0);
		assertThat(result.out()).startsWith("sealdrop ");
	}

}
