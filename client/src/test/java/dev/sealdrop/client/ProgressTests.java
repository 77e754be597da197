package dev.sealdrop.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgressTests {

	@TempDir
	Path dir;

	CliRun cli;

	@BeforeEach
	void bigFile() throws Exception {
		this.cli = new CliRun(this.dir);
		TestKeys.create(this.cli, "alice");
		this.cli.write("big.bin", new byte[(int) Progress.THRESHOLD_BYTES]);
		this.cli.write("small.bin", new byte[(int) Progress.THRESHOLD_BYTES - 1]);
	}

	@Test
	void drawsProgressOnATerminalForLargeInputs() {
		CliRun.FakeTerminal terminal = this.cli.terminal();

		assertThat(this.cli.run("encrypt", "-r", "alice.pub.pem", "big.bin").exitCode()).isEqualTo(0);

		assertThat(terminal.progress.toString()).contains("Encrypting");
	}

	@Test
	void onlyATerminalOnStandardErrorGetsTheBar() throws Exception {
		assertThat(UserTerminal.isTerminalDevice("/dev/pts/3")).isTrue();
		assertThat(UserTerminal.isTerminalDevice("/dev/tty1")).isTrue();
		assertThat(UserTerminal.isTerminalDevice("/dev/console")).isTrue();
		// 2>log, 2>&1 | less, 2>/dev/null
		assertThat(UserTerminal.isTerminalDevice("/home/alice/log")).isFalse();
		assertThat(UserTerminal.isTerminalDevice("pipe:[81234]")).isFalse();
		assertThat(UserTerminal.isTerminalDevice("/dev/null")).isFalse();
		// the test JVM's standard error goes to the build, never to a terminal
		if (java.nio.file.Files.isSymbolicLink(UserTerminal.STANDARD_ERROR)) {
			assertThat(UserTerminal.system().interactive()).isFalse();
		}
	}

	@Test
	void theBarFollowsStandardErrorWhereverStandardOutputGoes() throws Exception {
		// standard output away from the terminal: System.console() is null, yet a person watches stderr
		ChildCli.Run watched = ChildCli.onTerminal(this.dir,
				"encrypt -r alice.pub.pem -o watched.zip big.bin > /dev/null");
		// standard error into a file on a terminal: no bar's redraws in the file
		ChildCli.Run logged = ChildCli.onTerminal(this.dir, "encrypt -r alice.pub.pem -o logged.zip big.bin 2> log.txt");

		assertThat(watched.exitCode()).as(watched.out()).isZero();
		assertThat(watched.out()).contains("\rEncrypting").contains("100%");
		assertThat(logged.exitCode()).as(logged.out()).isZero();
		assertThat(this.cli.path("log.txt")).content().doesNotContain("Encrypting").contains("encrypted big.bin");
	}

	@Test
	void drawsNothingForSmallInputs() {
		CliRun.FakeTerminal terminal = this.cli.terminal();

		assertThat(this.cli.run("encrypt", "-r", "alice.pub.pem", "small.bin").exitCode()).isEqualTo(0);

		assertThat(terminal.progress.size()).isZero();
	}

	@Test
	void drawsNothingWhenQuiet() {
		CliRun.FakeTerminal terminal = this.cli.terminal();

		assertThat(this.cli.run("encrypt", "-q", "-r", "alice.pub.pem", "big.bin").exitCode()).isEqualTo(0);

		assertThat(terminal.progress.size()).isZero();
	}

}
