package dev.sealdrop.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way decrypting can fail: the right exit code, one clear line, and no output file left behind. */
class DecryptFailureTests {

	@TempDir
	Path dir;

	CliRun cli;

	byte[] archive;

	@BeforeEach
	void archiveForAlice() throws Exception {
		this.cli = new CliRun(this.dir);
		TestKeys.create(this.cli, "alice");
		TestKeys.create(this.cli, "mallory");
		this.cli.write("data.bin", RoundTripTests.randomBytes(3 * 65536 + 5));
		CliRun.Result encrypted = this.cli.run("encrypt", "-r", "alice.pub.pem", "--chunk-size", "64KiB", "-o",
				"data.zip", "data.bin");
		assertThat(encrypted.exitCode()).as(encrypted.toString()).isEqualTo(0);
		this.archive = Files.readAllBytes(this.cli.path("data.zip"));
		Files.delete(this.cli.path("data.bin"));
	}

	@Test
	void wrongKeyIsNoMatchingKeyAndNamesTheArchivesRecipients() throws Exception {
		String alice = Files.readString(this.cli.path("alice.pem"));

		CliRun.Result result = this.cli.run("decrypt", "-i", "mallory.pem", "data.zip");

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.NO_MATCHING_KEY.code());
		assertThat(result.err()).startsWith("sealdrop: decrypt: ");
		assertThat(result.err()).contains("hint: the archive is for sha256:");
		assertThat(result.err()).doesNotContain("Exception").doesNotContain("\tat ");
		assertThat(result.err()).doesNotContain(alice.substring(30, 60));
		assertNoOutputLeft();
	}

	@Test
	void tamperedChunkIsAnIntegrityFailureAndLeavesNoOutput() throws Exception {
		this.cli.write("tampered.zip", ZipSurgery.flipBit(this.archive, "chunks/chunk_2.enc", 100));

		CliRun.Result result = this.cli.run("decrypt", "-i", "alice.pem", "-o", "out.bin", "tampered.zip");

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.INTEGRITY_FAILURE.code());
		assertThat(result.err().lines().findFirst().orElseThrow()).startsWith("sealdrop: decrypt: ")
			.contains("(the archive was modified, truncated or damaged)");
		assertNoOutputLeft("tampered.zip");
	}

	@Test
	void tamperedLastChunkIsDetectedAfterEarlierChunksWereAlreadyDecrypted() throws Exception {
		this.cli.write("tampered.zip", ZipSurgery.flipBit(this.archive, "chunks/chunk_4.enc", 0));

		CliRun.Result result = this.cli.run("decrypt", "-i", "alice.pem", "-o", "out.bin", "tampered.zip");

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.INTEGRITY_FAILURE.code());
		assertNoOutputLeft("tampered.zip");
	}

	@Test
	void tamperedArchiveToStandardOutputFailsWithAWarningToDiscardWhatWasWritten() throws Exception {
		this.cli.write("tampered.zip", ZipSurgery.flipBit(this.archive, "chunks/chunk_3.enc", 7));

		CliRun.Result result = this.cli.run("decrypt", "-i", "alice.pem", "-o", "-", "tampered.zip");

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.INTEGRITY_FAILURE.code());
		assertThat(result.stdout().length).isLessThanOrEqualTo(2 * 65536);
		assertThat(result.err()).contains("discard");
	}

	@Test
	void truncatedArchiveFailsAndLeavesNoOutput() throws Exception {
		this.cli.write("truncated.zip", Arrays.copyOf(this.archive, this.archive.length * 2 / 3));

		CliRun.Result result = this.cli.run("decrypt", "-i", "alice.pem", "-o", "out.bin", "truncated.zip");

		assertThat(result.exitCode()).as(result.toString()).isNotZero();
		assertNoOutputLeft("truncated.zip");
	}

	@Test
	void truncatedArchiveIsAnIntegrityFailure() throws Exception {
		this.cli.write("truncated.zip", Arrays.copyOf(this.archive, this.archive.length * 2 / 3));

		CliRun.Result result = this.cli.run("decrypt", "-i", "alice.pem", "-o", "out.bin", "truncated.zip");

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.INTEGRITY_FAILURE.code());
	}

	@Test
	void archiveCutAtAnEntryBoundaryIsAnIntegrityFailure() throws Exception {
		int checksums = ZipSurgery.findLocalHeader(this.archive, "checksums.txt");
		this.cli.write("truncated.zip", Arrays.copyOf(this.archive, checksums));

		CliRun.Result result = this.cli.run("decrypt", "-i", "alice.pem", "-o", "out.bin", "truncated.zip");

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.INTEGRITY_FAILURE.code());
		assertNoOutputLeft("truncated.zip");
	}

	@Test
	void notAnArchiveIsMalformed() throws Exception {
		this.cli.write("notes.txt", "just text".getBytes(StandardCharsets.UTF_8));

		CliRun.Result result = this.cli.run("decrypt", "-i", "alice.pem", "notes.txt");

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.MALFORMED_ARCHIVE.code());
		assertThat(result.err()).contains("hint: this is not a sealdrop archive");
		assertNoOutputLeft("notes.txt");
	}

	@Test
	void refusesToOverwriteAnExistingOutputWithoutForce() throws Exception {
		this.cli.write("data.bin", "keep me".getBytes(StandardCharsets.UTF_8));

		CliRun.Result result = this.cli.run("decrypt", "-i", "alice.pem", "data.zip");

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.OUTPUT_EXISTS.code());
		assertThat(result.err()).startsWith("sealdrop: decrypt: data.bin: already exists\n").contains("--force");
		assertThat(this.cli.path("data.bin")).hasContent("keep me");
		assertNoOutputLeft("data.bin");
	}

	@Test
	void overwritesAnExistingOutputWithForce() throws Exception {
		this.cli.write("data.bin", "old".getBytes(StandardCharsets.UTF_8));

		CliRun.Result result = this.cli.run("decrypt", "-i", "alice.pem", "--force", "data.zip");

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(0);
		assertThat(Files.size(this.cli.path("data.bin"))).isEqualTo(3 * 65536 + 5);
	}

	@Test
	void refusesToDecryptOverTheArchiveItselfEvenWithForce() throws Exception {
		CliRun.Result result = this.cli.run("decrypt", "-i", "alice.pem", "-f", "-o", "data.zip", "data.zip");

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.USAGE.code());
		assertThat(this.cli.path("data.zip")).hasBinaryContent(this.archive);
		assertNoOutputLeft();
	}

	@Test
	void outputIntoAMissingDirectoryIsAnIoErrorNamingTheDirectory() throws Exception {
		CliRun.Result result = this.cli.run("decrypt", "-i", "alice.pem", "-o", "no/such/dir/out.bin", "data.zip");

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.IO_ERROR.code());
		assertThat(result.err()).contains("no/such/dir: no such file or directory").doesNotContain(".part");
	}

	@Test
	void wrongPassphraseIsAnInvalidKeyWithAHint() throws Exception {
		TestKeys.create(this.cli, "locked", "right one");
		this.cli.run("encrypt", "-r", "locked.pub.pem", "-o", "l.zip", "alice.pub.pem");

		CliRun.Result result = this.cli.env(Io.PASSPHRASE_ENV, "wrong one").run("decrypt", "-i", "locked.pem", "l.zip");

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.INVALID_KEY.code());
		assertThat(result.err()).contains("locked.pem").contains("passphrase").doesNotContain("wrong one");
	}

	@Test
	void publicKeyGivenAsIdentityIsAnInvalidKeyWithAHint() throws Exception {
		CliRun.Result result = this.cli.run("decrypt", "-i", "alice.pub.pem", "data.zip");

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.INVALID_KEY.code());
		assertThat(result.err()).contains("alice.pub.pem").contains("needs the private key")
			.doesNotContain("readable by other users");
		assertNoOutputLeft();
	}

	@Test
	void privateKeyGivenAsRecipientIsAnInvalidKeyWithAHint() throws Exception {
		CliRun.Result result = this.cli.run("encrypt", "-r", "alice.pem", "-o", "x.zip", "alice.pub.pem");

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.INVALID_KEY.code());
		assertThat(result.err()).contains("alice.pem").contains("public key");
		assertNoOutputLeft();
	}

	@Test
	void warnsAboutAPrivateKeyOthersCanRead() throws Exception {
		java.nio.file.Files.setPosixFilePermissions(this.cli.path("alice.pem"),
				java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));

		CliRun.Result result = this.cli.run("decrypt", "-i", "alice.pem", "-o", "out.bin", "data.zip");

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(0);
		assertThat(result.err()).contains("sealdrop: warning: alice.pem is readable by other users");
	}

	@Test
	void missingArchiveIsAnIoError() throws Exception {
		CliRun.Result result = this.cli.run("decrypt", "-i", "alice.pem", "nowhere.zip");

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.IO_ERROR.code());
		assertThat(result.err()).isEqualTo("sealdrop: decrypt: nowhere.zip: no such file or directory\n");
	}

	@Test
	void missingKeyFileIsAnIoError() throws Exception {
		CliRun.Result result = this.cli.run("decrypt", "-i", "nokey.pem", "data.zip");

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.IO_ERROR.code());
		assertThat(result.err()).contains("nokey.pem: no such file");
	}

	@Test
	void verbosePrintsTheStackTrace() throws Exception {
		CliRun.Result result = this.cli.run("decrypt", "-v", "-i", "mallory.pem", "data.zip");

		assertThat(result.exitCode()).isEqualTo(ExitCode.NO_MATCHING_KEY.code());
		assertThat(result.err()).contains("NoMatchingKeyException").contains("\tat ");
	}

	@Test
	void quietKeepsTheErrorLineButDropsTheHint() throws Exception {
		CliRun.Result result = this.cli.run("decrypt", "-q", "-i", "mallory.pem", "data.zip");

		assertThat(result.exitCode()).isEqualTo(ExitCode.NO_MATCHING_KEY.code());
		assertThat(result.err().lines()).singleElement().asString().startsWith("sealdrop: decrypt: ");
	}

	private void assertNoOutputLeft(String... extra) throws Exception {
		java.util.List<String> expected = new java.util.ArrayList<>(java.util.List.of("alice.pem", "alice.pub.pem",
				"data.zip", "mallory.pem", "mallory.pub.pem"));
		expected.addAll(java.util.List.of(extra));
		assertThat(this.cli.files()).containsExactlyInAnyOrderElementsOf(expected);
	}

}
