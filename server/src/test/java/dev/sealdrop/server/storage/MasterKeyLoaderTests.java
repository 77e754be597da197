package dev.sealdrop.server.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class MasterKeyLoaderTests {

	@TempDir
	Path keys;

	private final SecureRandom random = new SecureRandom();

	@Test
	void firstStartGeneratesAnOwnerOnlyKeyFileAndLaterStartsReadIt() throws IOException {
		byte[] first = MasterKeyLoader.load(new StorageProperties(null, null), this.keys, this.random);
		Path file = this.keys.resolve("storage-master.key");
		assertThat(first).hasSize(32);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		assertThat(MasterKeyLoader.load(new StorageProperties(null, null), this.keys, this.random)).isEqualTo(first);
	}

	@Test
	void inlineKeyIsUsed() throws IOException {
		byte[] key = new byte[32];
		this.random.nextBytes(key);
		StorageProperties properties = new StorageProperties(Base64.getEncoder().encodeToString(key), null);
		assertThat(MasterKeyLoader.load(properties, this.keys, this.random)).isEqualTo(key);
		assertThat(this.keys.resolve("storage-master.key")).doesNotExist();
	}

	@Test
	void configuredKeyFileIsUsed() throws IOException {
		byte[] key = new byte[32];
		this.random.nextBytes(key);
		Path file = Files.writeString(this.keys.resolve("mine.key"), Base64.getEncoder().encodeToString(key) + "\n");
		assertThat(MasterKeyLoader.load(new StorageProperties(null, file), this.keys, this.random)).isEqualTo(key);
	}

	@Test
	void keyOfTheWrongLengthIsRejected() {
		StorageProperties properties = new StorageProperties(Base64.getEncoder().encodeToString(new byte[16]), null);
		assertThatIllegalStateException().isThrownBy(() -> MasterKeyLoader.load(properties, this.keys, this.random))
			.withMessageContaining("32 bytes");
	}

	@Test
	void keyThatIsNotBase64IsRejectedWithoutEchoingIt() {
		StorageProperties properties = new StorageProperties("s3cr3t!!not-base64", null);
		assertThatIllegalStateException().isThrownBy(() -> MasterKeyLoader.load(properties, this.keys, this.random))
			.withMessageNotContaining("s3cr3t");
	}

	@Test
	void inlineKeyAndKeyFileTogetherAreRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new StorageProperties("AAAA", this.keys.resolve("k")));
	}

	@Test
	void propertiesNeverPrintTheKey() {
		assertThat(new StorageProperties("c2VjcmV0", null).toString()).doesNotContain("c2VjcmV0");
	}

}
