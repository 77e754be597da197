package dev.sealdrop.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

/**
 * Outputs that are not regular files: the process's own descriptors by their kernel names and the
 * devices in /dev are written in place (as standard output is), and nothing is ever renamed over a
 * link, a device or a pipe. The old behaviour, {@code encrypt --force -o /dev/null} run as root,
 * replaced /dev/null with a regular file.
 */
class SpecialOutputTests {

	private static final int TYPE_MASK = 0170000;

	private static final int CHARACTER_DEVICE = 0020000;

	private static final int FIFO = 0010000;

	@TempDir
	Path dir;

	CliRun cli;

	byte[] plaintext;

	@BeforeEach
	void archiveForAlice() throws Exception {
		assumeThat(this.dir.getFileSystem().supportedFileAttributeViews()).contains("unix");
		this.cli = new CliRun(this.dir);
		TestKeys.create(this.cli, "alice");
		this.plaintext = RoundTripTests.randomBytes(3 * 65536 + 5);
		this.cli.write("data.bin", this.plaintext);
		CliRun.Result encrypted = this.cli.run("encrypt", "-r", "alice.pub.pem", "--chunk-size", "64KiB", "-o",
				"data.zip", "data.bin");
		assertThat(encrypted.exitCode()).as(encrypted.toString()).isEqualTo(0);
	}

	@Test
	void devNullIsWrittenInPlaceWithoutForce() throws Exception {
		assumeThat(type(Path.of("/dev/null"))).isEqualTo(CHARACTER_DEVICE);

		CliRun.Result decrypted = this.cli.run("decrypt", "-i", "alice.pem", "-o", "/dev/null", "data.zip");
		CliRun.Result encrypted = this.cli.run("encrypt", "-r", "alice.pub.pem", "-o", "/dev/null", "data.bin");

		assertThat(decrypted.exitCode()).as(decrypted.toString()).isEqualTo(0);
		assertThat(decrypted.err()).contains("-> /dev/null");
		assertThat(encrypted.exitCode()).as(encrypted.toString()).isEqualTo(0);
		assertThat(type(Path.of("/dev/null"))).isEqualTo(CHARACTER_DEVICE);
		assertThat(this.cli.files()).containsExactly("alice.pem", "alice.pub.pem", "data.bin", "data.zip");
	}

	@Test
	void aLinkIsNeverWrittenThroughEvenToADevice() throws Exception {
		assumeThat(type(Path.of("/dev/null"))).isEqualTo(CHARACTER_DEVICE);
		// whoever can write the link's directory could point it at their own pipe after the check
		Path link = Files.createSymbolicLink(this.cli.path("out"), Path.of("/dev/null"));

		CliRun.Result refused = this.cli.run("decrypt", "-i", "alice.pem", "-o", "out", "data.zip");
		CliRun.Result forced = this.cli.run("decrypt", "-i", "alice.pem", "-f", "-o", "out", "data.zip");

		assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCode.OUTPUT_EXISTS.code());
		assertThat(forced.exitCode()).as(forced.toString()).isEqualTo(ExitCode.IO_ERROR.code());
		assertThat(forced.err()).contains("out: is a symbolic link, which sealdrop does not replace");
		assertThat(Files.readSymbolicLink(link)).isEqualTo(Path.of("/dev/null"));
		assertThat(type(Path.of("/dev/null"))).isEqualTo(CHARACTER_DEVICE);
		assertThat(this.cli.files()).containsExactly("alice.pem", "alice.pub.pem", "data.bin", "data.zip", "out");
	}

	@Test
	void thisProcesssOwnStandardOutputIsWrittenByItsKernelName() throws Exception {
		assumeThat(Path.of("/dev/stdout")).exists();
		Path piped = this.cli.path("piped.bin");

		ChildCli.Run intoPipe = sealdrop("decrypt -i alice.pem -o /dev/stdout data.zip | cat > piped.bin; exit ${PIPESTATUS[0]}");
		ChildCli.Run intoFile = sealdrop("decrypt -i alice.pem -o /dev/stdout data.zip > file.bin");

		assertThat(intoPipe.exitCode()).as(intoPipe.err()).isZero();
		assertThat(piped).hasBinaryContent(this.plaintext);
		// a file behind the descriptor would be written without the temporary file and the rename
		assertThat(intoFile.exitCode()).as(intoFile.err()).isEqualTo(ExitCode.IO_ERROR.code());
		assertThat(intoFile.err()).contains("/dev/stdout: this process's descriptor is not a pipe or terminal here")
			.contains("hint: for standard output use -o -");
		assertThat(this.cli.path("file.bin")).isEmptyFile();
	}

	@Test
	void aLinkToAFileIsNotReplacedEvenWithForce() throws Exception {
		Path elsewhere = this.cli.write("notes.txt", "precious".getBytes(StandardCharsets.UTF_8));
		Path link = Files.createSymbolicLink(this.cli.path("out.bin"), elsewhere);

		CliRun.Result refused = this.cli.run("decrypt", "-i", "alice.pem", "-o", "out.bin", "data.zip");
		CliRun.Result forced = this.cli.run("decrypt", "-i", "alice.pem", "-f", "-o", "out.bin", "data.zip");
		CliRun.Result keygen = this.cli.run("keygen", "-f", "-o", "out.bin");

		assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCode.OUTPUT_EXISTS.code());
		assertThat(forced.exitCode()).as(forced.toString()).isEqualTo(ExitCode.IO_ERROR.code());
		assertThat(forced.err()).contains("out.bin: is a symbolic link, which sealdrop does not replace")
			.contains("hint: name the file it points to, or remove the link first");
		assertThat(keygen.exitCode()).as(keygen.toString()).isEqualTo(ExitCode.IO_ERROR.code());
		assertThat(Files.isSymbolicLink(link)).isTrue();
		assertThat(elsewhere).hasContent("precious");
		assertThat(this.cli.files()).containsExactly("alice.pem", "alice.pub.pem", "data.bin", "data.zip", "notes.txt",
				"out.bin");
	}

	@Test
	void aNameTakenFromTheArchiveNeverWritesIntoAPipe() throws Exception {
		// the stored name is data.bin; a pipe of that name waits in the output directory
		Path out = Files.createDirectory(this.cli.path("out"));
		Path fifo = mkfifo(out.resolve("data.bin"));

		CliRun.Result result = this.cli.run("decrypt", "-i", "alice.pem", "-f", "-o", "out", "data.zip");

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.IO_ERROR.code());
		assertThat(result.err()).contains("data.bin: is not a regular file (a device, pipe or socket)");
		assertThat(type(fifo)).isEqualTo(FIFO);
		try (var listing = Files.list(out)) {
			assertThat(listing).containsExactly(fifo);
		}
	}

	@Test
	void aNamedPipeIsRefusedWithAHintToLetTheShellOpenIt() throws Exception {
		// its directory, or one above, could let another user swap it for their own before the open
		Path fifo = mkfifo(this.cli.path("pipe"));

		CliRun.Result plain = this.cli.run("decrypt", "-i", "alice.pem", "-o", "pipe", "data.zip");
		CliRun.Result forced = this.cli.run("decrypt", "-i", "alice.pem", "-f", "-o", "pipe", "data.zip");

		for (CliRun.Result result : List.of(plain, forced)) {
			assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.IO_ERROR.code());
			assertThat(result.err()).contains("pipe: is not a regular file (a device, pipe or socket), which sealdrop does not write")
				.contains("hint: to write into a pipe, use -o - and let the shell open it: > PIPE");
		}
		assertThat(type(fifo)).isEqualTo(FIFO);
		assertThat(this.cli.files()).containsExactly("alice.pem", "alice.pub.pem", "data.bin", "data.zip", "pipe");
	}

	@Test
	void aShellsProcessSubstitutionGetsThePlaintext() throws Exception {
		ChildCli.Run result = sealdrop("decrypt -i alice.pem -o >(cat > substituted.bin) data.zip; status=$?; wait $!; exit $status");

		assertThat(result.exitCode()).as(result.err()).isZero();
		assertThat(this.cli.path("substituted.bin")).hasBinaryContent(this.plaintext);
	}

	@Test
	void aFailureWhileWritingToStandardOutputByNameSaysThatWhatArrivedIsIncomplete() throws Exception {
		byte[] archive = Files.readAllBytes(this.cli.path("data.zip"));
		this.cli.write("tampered.zip", ZipSurgery.flipBit(archive, "chunks/chunk_3.enc", 7));

		ChildCli.Run result = sealdrop("decrypt -i alice.pem -o /dev/stdout tampered.zip | cat > part.bin; exit ${PIPESTATUS[0]}");

		assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCode.INTEGRITY_FAILURE.code());
		assertThat(result.err()).contains("hint: the plaintext already written to /dev/stdout is incomplete: discard it");
		// the two chunks before the tampered one were verified and released, nothing after them
		assertThat(Files.size(this.cli.path("part.bin"))).isLessThanOrEqualTo(2 * 65536);
	}

	@Test
	void pathsAreTakenLiterallyNotThroughDotDot() throws Exception {
		assertThat(SpecialFiles.writableInPlace(Path.of("/dev/null"))).isTrue();
		// the kernel resolves ".." after whatever links come before it
		assertThat(SpecialFiles.writableInPlace(Path.of("/dev/../dev/null"))).isFalse();
		assertThat(SpecialFiles.writableInPlace(this.dir.resolve("x/../../dev/stdout"))).isFalse();
		assertThat(SpecialFiles.writableInPlace(Path.of("dev/null"))).isFalse();
		// a device outside /dev and /dev/pts is not trusted: only root can put anything there
		assertThat(SpecialFiles.writableInPlace(this.dir.resolve("data.zip"))).isFalse();
	}

	@Test
	void inPlaceOutputsCommitWithoutRenaming() throws Exception {
		assumeThat(type(Path.of("/dev/null"))).isEqualTo(CHARACTER_DEVICE);
		try (AtomicOutput output = AtomicOutput.createNamed(Path.of("/dev/null"), false, AtomicOutput.Mode.PRIVATE)) {
			assertThat(output.inPlace()).isTrue();
			assertThat(output.temporaryFile()).isNull();
			output.stream().write("hello".getBytes(StandardCharsets.US_ASCII));
			output.commit();
		}
		assertThat(type(Path.of("/dev/null"))).isEqualTo(CHARACTER_DEVICE);
		// the same device at a name sealdrop chose is refused, with or without overwrite
		assertThatExceptionOfType(CommandException.class)
			.isThrownBy(() -> AtomicOutput.create(Path.of("/dev/null"), true, AtomicOutput.Mode.PRIVATE));
	}

	private static int type(Path path) throws IOException {
		return (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS) & TYPE_MASK;
	}

	private static Path mkfifo(Path path) throws Exception {
		String mode = "600";
		Process process;
		try {
			process = new ProcessBuilder("mkfifo", "-m", mode, path.toString()).redirectErrorStream(true).start();
		}
		catch (IOException ex) {
			throw new TestAbortedException("mkfifo is not available", ex);
		}
		assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).isZero();
		assertThat(type(path)).isEqualTo(FIFO);
		return path;
	}

	private ChildCli.Run sealdrop(String arguments) throws Exception {
		return ChildCli.run(this.dir, arguments);
	}

}
