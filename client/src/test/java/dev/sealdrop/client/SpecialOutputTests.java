package dev.sealdrop.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

/**
 * Outputs that are not regular files: a device or pipe the user names is written in place (as
 * standard output is), and nothing is ever renamed over a link, a device or a pipe. The old
 * behaviour, {@code encrypt --force -o /dev/null} run as root, replaced /dev/null with a regular file.
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
	void aLinkToADeviceIsWrittenThroughEvenWithForceAndStaysALink() throws Exception {
		assumeThat(type(Path.of("/dev/null"))).isEqualTo(CHARACTER_DEVICE);
		// like /dev/stdout, a link to where the output should go
		Path link = Files.createSymbolicLink(this.cli.path("out"), Path.of("/dev/null"));

		CliRun.Result result = this.cli.run("decrypt", "-i", "alice.pem", "-f", "-o", "out", "data.zip");

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(0);
		assertThat(Files.isSymbolicLink(link)).isTrue();
		assertThat(Files.readSymbolicLink(link)).isEqualTo(Path.of("/dev/null"));
		assertThat(this.cli.files()).containsExactly("alice.pem", "alice.pub.pem", "data.bin", "data.zip", "out");
	}

	@Test
	void aNamedPipeGetsThePlaintextAndStaysAPipe() throws Exception {
		Path fifo = mkfifo(this.cli.path("pipe"));
		try (PipeReader reader = new PipeReader(fifo)) {
			CliRun.Result result = this.cli.run("decrypt", "-i", "alice.pem", "-o", "pipe", "data.zip");

			assertThat(result.exitCode()).as(result.toString()).isEqualTo(0);
			assertThat(reader.bytes()).isEqualTo(this.plaintext);
		}
		assertThat(type(fifo)).isEqualTo(FIFO);
		assertThat(this.cli.files()).containsExactly("alice.pem", "alice.pub.pem", "data.bin", "data.zip", "pipe");
	}

	@Test
	void aFailureWhileWritingIntoAPipeSaysThatWhatArrivedIsIncomplete() throws Exception {
		byte[] archive = Files.readAllBytes(this.cli.path("data.zip"));
		this.cli.write("tampered.zip", ZipSurgery.flipBit(archive, "chunks/chunk_3.enc", 7));
		Path fifo = mkfifo(this.cli.path("pipe"));
		try (PipeReader reader = new PipeReader(fifo)) {
			CliRun.Result result = this.cli.run("decrypt", "-i", "alice.pem", "-o", "pipe", "tampered.zip");

			assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.INTEGRITY_FAILURE.code());
			assertThat(result.err()).contains("hint: the plaintext already written to pipe is incomplete: discard it");
			// the two chunks before the tampered one were verified and released, nothing after them
			assertThat(reader.bytes()).hasSizeLessThanOrEqualTo(2 * 65536);
		}
		assertThat(type(fifo)).isEqualTo(FIFO);
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
	void anotherUsersPipeIsRefusedEvenWhenNamed() throws Exception {
		Path fifo = mkfifo(this.cli.path("pipe"));
		try {
			Files.setAttribute(fifo, "unix:uid", 4242);
		}
		catch (IOException ex) {
			Assumptions.abort("only root can give a file away");
		}

		CliRun.Result result = this.cli.run("decrypt", "-i", "alice.pem", "-f", "-o", "pipe", "data.zip");

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.IO_ERROR.code());
		assertThat(result.err()).contains("pipe: is not a regular file");
		assertThat(type(fifo)).isEqualTo(FIFO);
		assertThatExceptionOfType(CommandException.class)
			.isThrownBy(() -> AtomicOutput.createNamed(fifo, true, AtomicOutput.Mode.PRIVATE));
	}

	@Test
	void inPlaceOutputsCommitWithoutRenaming() throws Exception {
		Path fifo = mkfifo(this.cli.path("pipe"));
		try (PipeReader reader = new PipeReader(fifo)) {
			try (AtomicOutput output = AtomicOutput.createNamed(fifo, false, AtomicOutput.Mode.PRIVATE)) {
				assertThat(output.inPlace()).isTrue();
				assertThat(output.temporaryFile()).isNull();
				output.stream().write("hello".getBytes(StandardCharsets.US_ASCII));
				output.commit();
			}
			assertThat(reader.bytes()).isEqualTo("hello".getBytes(StandardCharsets.US_ASCII));
		}
		assertThat(type(fifo)).isEqualTo(FIFO);
		// the same pipe at a name sealdrop chose is refused, with or without overwrite
		assertThatExceptionOfType(CommandException.class)
			.isThrownBy(() -> AtomicOutput.create(fifo, true, AtomicOutput.Mode.PRIVATE));
	}

	private static int type(Path path) throws IOException {
		return (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS) & TYPE_MASK;
	}

	private static Path mkfifo(Path path) throws Exception {
		Process process;
		try {
			process = new ProcessBuilder("mkfifo", path.toString()).redirectErrorStream(true).start();
		}
		catch (IOException ex) {
			throw new TestAbortedException("mkfifo is not available", ex);
		}
		assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).isZero();
		assertThat(type(path)).isEqualTo(FIFO);
		return path;
	}

	/** Reads a named pipe to its end on another thread; closing releases a reader nobody wrote to. */
	private static final class PipeReader implements AutoCloseable {

		private final Path fifo;

		private final CompletableFuture<byte[]> bytes;

		PipeReader(Path fifo) {
			this.fifo = fifo;
			// a thread of its own: opening the pipe blocks until a writer opens it
			this.bytes = CompletableFuture.supplyAsync(() -> {
				try {
					return Files.readAllBytes(fifo);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}, (task) -> new Thread(task, "pipe-reader").start());
		}

		byte[] bytes() throws Exception {
			return this.bytes.get(30, TimeUnit.SECONDS);
		}

		@Override
		public void close() throws IOException {
			if (!this.bytes.isDone()) {
				// the reader still waits for a writer to open the pipe: be that writer, write nothing
				try (OutputStream release = Files.newOutputStream(this.fifo, StandardOpenOption.WRITE)) {
					release.flush();
				}
			}
		}

	}

}
