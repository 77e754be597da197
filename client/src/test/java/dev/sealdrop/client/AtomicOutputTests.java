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
	void aLargeOutputSyncedBehindTheWritesArrivesWhole() throws Exception {
		Path target = this.dir.resolve("large.bin");
		byte[] block = new byte[1 << 20];
		java.security.MessageDigest written = java.security.MessageDigest.getInstance("SHA-256");
		int blocks = (int) (2 * AtomicOutput.SYNC_BEHIND / block.length) + 3;
		try (AtomicOutput output = AtomicOutput.create(target, false, AtomicOutput.Mode.PRIVATE)) {
			for (int i = 0; i < blocks; i++) {
				java.util.Arrays.fill(block, (byte) i);
				output.stream().write(block, 0, (i % 2 == 0) ? block.length : block.length - 1);
				written.update(block, 0, (i % 2 == 0) ? block.length : block.length - 1);
			}
			output.commit();
		}
		java.security.MessageDigest read = java.security.MessageDigest.getInstance("SHA-256");
		try (java.io.InputStream in = Files.newInputStream(target)) {
			byte[] buffer = new byte[1 << 16];
			for (int n; (n = in.read(buffer)) > 0;) {
				read.update(buffer, 0, n);
			}
		}
		assertThat(read.digest()).isEqualTo(written.digest());
		assertThat(Files.list(this.dir)).containsExactly(target);
	}

	@Test
	void closingWithoutCommitWhileASyncRunsLeavesNothing() throws Exception {
		Path temp;
		byte[] block = new byte[1 << 20];
		try (AtomicOutput output = AtomicOutput.create(this.dir.resolve("out.bin"), false, AtomicOutput.Mode.PRIVATE)) {
			for (long written = 0; written <= AtomicOutput.SYNC_BEHIND; written += block.length) {
				output.stream().write(block);
			}
			temp = output.temporaryFile();
		}
		assertThat(Files.list(this.dir)).isEmpty();
		assertThat(PendingFiles.isPending(temp)).isFalse();
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
	void aTemporaryFileSwappedForALinkChangesNothingItPointsTo() throws Exception {
		Path secret = Files.writeString(this.dir.resolve("secret.txt"), "mine");
		Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
		Path target = this.dir.resolve("out.zip");
		try (AtomicOutput output = AtomicOutput.create(target, false, AtomicOutput.Mode.SHARED)) {
			output.stream().write(new byte[] { 1 });
			// what another user who can write the directory could do while sealdrop writes
			Files.delete(output.temporaryFile());
			Files.createSymbolicLink(output.temporaryFile(), secret);

			assertThatExceptionOfType(java.io.IOException.class).isThrownBy(output::commit)
				.withMessageContaining("replaced by another file while sealdrop wrote it");
		}
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).isEqualTo("rw-------");
		assertThat(target).doesNotExist();
		assertThat(secret).hasContent("mine");
	}

	@Test
	void aTemporaryFileSwappedForAnotherFileDoesNotBecomeTheOutput() throws Exception {
		Path target = this.dir.resolve("out.bin");
		try (AtomicOutput output = AtomicOutput.create(target, false, AtomicOutput.Mode.PRIVATE)) {
			output.stream().write(new byte[] { 1 });
			Files.delete(output.temporaryFile());
			Files.writeString(output.temporaryFile(), "someone else's");

			assertThatExceptionOfType(java.io.IOException.class).isThrownBy(output::commit);
		}
		assertThat(target).doesNotExist();
	}

	@Test
	void theTemporaryFileIsCreatedOnlyWhereNothingIsYet() throws Exception {
		// a link at the temporary name is never followed: the name is drawn at random and created exclusively
		try (AtomicOutput output = AtomicOutput.create(this.dir.resolve("a.bin"), false, AtomicOutput.Mode.PRIVATE);
				AtomicOutput other = AtomicOutput.create(this.dir.resolve("a.bin"), false, AtomicOutput.Mode.PRIVATE)) {
			assertThat(output.temporaryFile()).isNotEqualTo(other.temporaryFile());
			assertThat(output.temporaryFile().getFileName().toString()).startsWith(".sealdrop-").endsWith(".part");
		}
	}

	@Test
	void refusesADirectoryAsTarget() {
		assertThatExceptionOfType(CommandException.class)
			.isThrownBy(() -> AtomicOutput.create(this.dir, true, AtomicOutput.Mode.PRIVATE))
			.satisfies((ex) -> assertThat(ex.exitCode()).isEqualTo(ExitCode.IO_ERROR));
	}

}
