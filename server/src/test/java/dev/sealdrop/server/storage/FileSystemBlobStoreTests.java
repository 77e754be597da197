package dev.sealdrop.server.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileSystemBlobStoreTests {

	@TempDir
	Path dir;

	private FileSystemBlobStore store;

	@BeforeEach
	void store() throws IOException {
		this.store = new FileSystemBlobStore(this.dir.resolve("blobs"));
	}

	@Test
	void committedBlobIsReadable() throws IOException {
		String key = key();
		try (PendingBlob blob = this.store.create(key)) {
			blob.out().write(bytes("hello world"));
			assertThat(this.store.exists(key)).as("invisible before commit").isFalse();
			blob.commit();
		}
		assertThat(this.store.exists(key)).isTrue();
		assertThat(this.store.size(key)).isEqualTo(11);
		try (InputStream in = this.store.open(key)) {
			assertThat(in.readAllBytes()).isEqualTo(bytes("hello world"));
		}
		assertThat(this.store.keys()).containsExactly(key);
	}

	@Test
	void closingWithoutCommitDiscardsEverything() throws IOException {
		String key = key();
		try (PendingBlob blob = this.store.create(key)) {
			blob.out().write(bytes("partial"));
		}
		assertThat(this.store.exists(key)).isFalse();
		assertThat(this.store.keys()).isEmpty();
		assertThat(Files.list(this.store.root().resolve(".tmp"))).isEmpty();
	}

	@Test
	void missingBlobIsNoSuchFile() {
		assertThatThrownBy(() -> this.store.open(key())).isInstanceOf(NoSuchFileException.class);
		assertThatThrownBy(() -> this.store.size(key())).isInstanceOf(NoSuchFileException.class);
	}

	@Test
	void keysThatCouldBePathsAreRejected() {
		for (String bad : new String[] { "../etc/passwd", "a/b", "..", "A", "x", "", "a\u0000b", "UPPER-CASE",
				"a".repeat(65) }) {
			assertThatIllegalArgumentException().as(bad).isThrownBy(() -> this.store.create(bad));
			assertThatIllegalArgumentException().as(bad).isThrownBy(() -> this.store.exists(bad));
		}
	}

	@Test
	void committingOverAnExistingBlobFails() throws IOException {
		String key = put("first");
		try (PendingBlob blob = this.store.create(key)) {
			blob.out().write(bytes("second"));
			assertThatThrownBy(blob::commit).isInstanceOf(FileAlreadyExistsException.class);
		}
		try (InputStream in = this.store.open(key)) {
			assertThat(in.readAllBytes()).isEqualTo(bytes("first"));
		}
	}

	@Test
	void deleteRemovesTheBlob() throws IOException {
		String key = put("x");
		assertThat(this.store.delete(key)).isTrue();
		assertThat(this.store.delete(key)).isFalse();
		assertThat(this.store.exists(key)).isFalse();
	}

	@Test
	void purgeTemporaryRemovesLeftoversOfInterruptedWrites() throws IOException {
		PendingBlob abandoned = this.store.create(key());
		abandoned.out().write(bytes("crashed mid-write"));
		// no close: as after a crash
		Files.writeString(this.store.root().resolve(".tmp").resolve("stray.part"), "x");
		assertThat(this.store.purgeTemporary()).isEqualTo(2);
		assertThat(Files.list(this.store.root().resolve(".tmp"))).isEmpty();
	}

	@Test
	void strayFilesAreNotReportedAsBlobs() throws IOException {
		String key = put("mine");
		Files.writeString(this.store.root().resolve(key.substring(0, 2)).resolve("README"), "not a blob");
		Files.createDirectories(this.store.root().resolve("lost+found"));
		Files.writeString(this.store.root().resolve("lost+found").resolve("0123abcd"), "x");
		Files.writeString(this.store.root().resolve("zz-not-a-shard"), "x");
		assertThat(this.store.keys()).containsExactly(key);
	}

	@Test
	void blobsAreOwnerOnly() throws IOException {
		String key = put("secret-ish");
		Path file = this.store.root().resolve(key.substring(0, 2)).resolve(key);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
	}

	private String put(String content) throws IOException {
		String key = key();
		try (PendingBlob blob = this.store.create(key)) {
			blob.out().write(bytes(content));
			blob.commit();
		}
		return key;
	}

	private static String key() {
		return UUID.randomUUID().toString();
	}

	private static byte[] bytes(String s) {
		return s.getBytes(StandardCharsets.US_ASCII);
	}

}
