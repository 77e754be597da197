package dev.sealdrop.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicOutputTests {

	@TempDir
	Path dir;

	@Test
	void theTargetAppearsOnlyOnCommit() throws Exception {
		Path target = this.dir.resolve("out.bin");
		try (AtomicOutput output = AtomicOutput.create(target, false, AtomicOutput.Mode.PRIVATE)) {
			output.stream().write(new byte[] { 1, 2, 3 });
			assertThat(target).doesNotExist();
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(output.temporaryFile())))
				.isEqualTo("rw-------");
			output.commit();
		}
		assertThat(target).hasBinaryContent(new byte[] { 1, 2, 3 });
		assertThat(Files.list(this.dir)).containsExactly(target);
	}

	@Test
	void closingWithoutCommitLeavesNothing() throws Exception {
		Path temp;
		try (AtomicOutput output = AtomicOutput.create(this.dir.resolve("out.bin"), false, AtomicOutput.Mode.PRIVATE)) {
			output.stream().write(new byte[] { 1 });
			temp = output.temporaryFile();
		}
		assertThat(Files.list(this.dir)).isEmpty();
		assertThat(PendingFiles.isPending(temp)).isFalse();
	}

	@Test
	void theShutdownCleanupDeletesUncommittedOutput() throws Exception {
		AtomicOutput output = AtomicOutput.create(this.dir.resolve("out.bin"), false, AtomicOutput.Mode.PRIVATE);
		output.stream().write(new byte[] { 1 });
		assertThat(PendingFiles.isPending(output.temporaryFile())).isTrue();

		PendingFiles.deleteAll();

		assertThat(Files.list(this.dir)).isEmpty();
		output.close();
	}

	@Test
	void sharedOutputIsWorldReadable() throws Exception {
		Path target = this.dir.resolve("archive.zip");

		AtomicOutput.writeString(target, "x", false, AtomicOutput.Mode.SHARED);

		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-r--r--");
	}

	@Test
	void refusesAnExistingTargetBeforeWriting() throws Exception {
		Path target = Files.writeString(this.dir.resolve("out.bin"), "keep");

		assertThatExceptionOfType(FileAlreadyExistsException.class)
			.isThrownBy(() -> AtomicOutput.create(target, false, AtomicOutput.Mode.PRIVATE));
		assertThat(Files.list(this.dir)).containsExactly(target);
	}

	@Test
	void neverReplacesATargetCreatedWhileWriting() throws Exception {
		Path target = this.dir.resolve("out.bin");
		try (AtomicOutput output = AtomicOutput.create(target, false, AtomicOutput.Mode.PRIVATE)) {
			output.stream().write(new byte[] { 1 });
			Files.writeString(target, "arrived meanwhile");

			assertThatExceptionOfType(FileAlreadyExistsException.class).isThrownBy(output::commit);
		}
		assertThat(target).hasContent("arrived meanwhile");
		assertThat(Files.list(this.dir)).containsExactly(target);
	}

	@Test
	void replacesAnExistingTargetWhenAllowed() throws Exception {
		Path target = Files.writeString(this.dir.resolve("out.bin"), "old");

		AtomicOutput.writeString(target, "new", true, AtomicOutput.Mode.PRIVATE);

		assertThat(Files.readString(target, StandardCharsets.UTF_8)).isEqualTo("new");
	}

	@Test
	void refusesADirectoryAsTarget() {
		assertThatExceptionOfType(CommandException.class)
			.isThrownBy(() -> AtomicOutput.create(this.dir, true, AtomicOutput.Mode.PRIVATE))
			.satisfies((ex) -> assertThat(ex.exitCode()).isEqualTo(ExitCode.IO_ERROR));
	}

}
