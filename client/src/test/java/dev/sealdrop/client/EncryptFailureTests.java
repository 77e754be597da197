package dev.sealdrop.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Encrypting refuses bad input before writing anything. */
class EncryptFailureTests {

	@TempDir
	Path dir;

	CliRun cli;

	@BeforeEach
	void input() throws Exception {
		this.cli = new CliRun(this.dir);
		TestKeys.create(this.cli, "alice");
		this.cli.write("a.txt", "x".getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void refusesMoreThanSixteenRecipients() throws Exception {
		List<String> args = new ArrayList<>(List.of("encrypt"));
		for (int i = 0; i < 17; i++) {
			TestKeys.create(this.cli, "k" + i);
			args.add("-r");
			args.add("k" + i + ".pub.pem");
		}
		args.add("a.txt");

		CliRun.Result result = this.cli.run(args.toArray(String[]::new));

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.USAGE.code());
		assertThat(result.err()).contains("too many recipients: 17");
		assertThat(this.cli.path("a.txt.zip")).doesNotExist();
	}

	@Test
	void refusesANameThatIsAPath() {
		CliRun.Result result = this.cli.run("encrypt", "-r", "alice.pub.pem", "--name", "../evil", "a.txt");

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.USAGE.code());
		assertThat(result.err()).contains("'/'");
		assertThat(this.cli.path("a.txt.zip")).doesNotExist();
	}

	@Test
	void refusesANameLongerThan255Bytes() {
		CliRun.Result result = this.cli.run("encrypt", "-r", "alice.pub.pem", "--name", "é".repeat(128), "a.txt");

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.USAGE.code());
	}

	@Test
	void aRecipientFileThatIsNotAKeyIsAnInvalidKey() throws Exception {
		this.cli.write("bogus.pem", "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n"
			.getBytes(StandardCharsets.US_ASCII));

		CliRun.Result result = this.cli.run("encrypt", "-r", "bogus.pem", "a.txt");

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.INVALID_KEY.code());
		assertThat(result.err()).startsWith("sealdrop: encrypt: bogus.pem: not a usable P-384 public key");
		assertThat(this.cli.path("a.txt.zip")).doesNotExist();
	}

	@Test
	void anOversizedKeyFileIsRefusedUnread() throws Exception {
		this.cli.write("huge.pem", new byte[KeyFiles.MAX_KEY_FILE_BYTES + 1]);

		CliRun.Result result = this.cli.run("encrypt", "-r", "huge.pem", "a.txt");

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.INVALID_KEY.code());
		assertThat(result.err()).contains("too large to be a key file");
	}

	@Test
	void aMissingRecipientFileIsAnIoError() {
		CliRun.Result result = this.cli.run("encrypt", "-r", "bob.pub.pem", "a.txt");

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.IO_ERROR.code());
		assertThat(result.err()).isEqualTo("sealdrop: encrypt: bob.pub.pem: no such file or directory\n");
	}

	@Test
	void aMissingInputIsAnIoErrorAndWritesNothing() throws Exception {
		CliRun.Result result = this.cli.run("encrypt", "-r", "alice.pub.pem", "missing.txt");

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.IO_ERROR.code());
		assertThat(result.err()).contains("missing.txt: no such file or directory");
		assertThat(this.cli.files()).containsExactlyInAnyOrder("a.txt", "alice.pem", "alice.pub.pem");
	}

	@Test
	void refusesToOverwriteAnExistingArchiveWithoutForce() throws Exception {
		this.cli.write("a.txt.zip", "old archive".getBytes(StandardCharsets.UTF_8));

		CliRun.Result result = this.cli.run("encrypt", "-r", "alice.pub.pem", "a.txt");

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.OUTPUT_EXISTS.code());
		assertThat(this.cli.path("a.txt.zip")).hasContent("old archive");
	}

}
