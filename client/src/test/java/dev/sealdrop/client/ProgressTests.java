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
