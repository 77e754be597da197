package dev.sealdrop.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.sealdrop.format.Identity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Archives of the original Python client (FORMAT.md §12): decrypted, with the format-0 warning. */
class Format0DecryptTests {

	@TempDir
	Path dir;

	CliRun cli;

	Identity alice;

	byte[] plaintext = RoundTripTests.randomBytes(2 * 65536 + 999);

	@BeforeEach
	void format0Archive() throws Exception {
		this.cli = new CliRun(this.dir);
		this.alice = TestKeys.create(this.cli, "alice");
		this.cli.write("old.zip", Format0Writer.write(this.alice.recipient().publicKey(), "/home/bob/report.pdf",
				this.plaintext, 65536));
	}

	@Test
	void decryptsUnderTheLastComponentOfTheOriginalNameWithAWarning() throws Exception {
		CliRun.Result result = this.cli.run("decrypt", "-i", "alice.pem", "old.zip");

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(0);
		assertThat(this.cli.path("report.pdf")).hasBinaryContent(this.plaintext);
		assertThat(result.err()).contains("sealdrop: warning: format 0")
			.contains("sha256 " + RoundTripTests.sha256(this.plaintext));
	}

	@Test
	void quietSuppressesTheWarning() throws Exception {
		CliRun.Result result = this.cli.run("decrypt", "-q", "-i", "alice.pem", "-o", "-", "old.zip");

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(0);
		assertThat(result.stdout()).isEqualTo(this.plaintext);
		assertThat(result.err()).isEmpty();
	}

	@Test
	void decryptsFromStandardInput() throws Exception {
		CliRun.Result result = this.cli.stdin(Files.readAllBytes(this.cli.path("old.zip")))
			.run("decrypt", "-i", "alice.pem", "-o", "out.bin", "-");

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(0);
		assertThat(this.cli.path("out.bin")).hasBinaryContent(this.plaintext);
	}

	@Test
	void inspectShowsFormat0WithoutRecipients() {
		CliRun.Result result = this.cli.run("inspect", "old.zip");

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(0);
		assertThat(result.out()).contains("format:          0").contains("chunks:          3")
			.contains("recipients:      0");
	}

	@Test
	void wrongKeyFailsWithoutOutput() throws Exception {
		TestKeys.create(this.cli, "mallory");

		CliRun.Result result = this.cli.run("decrypt", "-i", "mallory.pem", "old.zip");

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.NO_MATCHING_KEY.code());
		assertThat(this.cli.path("report.pdf")).doesNotExist();
	}

}
