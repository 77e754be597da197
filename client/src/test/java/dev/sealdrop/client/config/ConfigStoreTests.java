package dev.sealdrop.client.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigStoreTests {

	@TempDir
	Path xdg;

	private ConfigStore store() {
		return new ConfigStore(ConfigPaths.of(Map.of("XDG_CONFIG_HOME", xdg.toString())::get, Path.of("/nonexistent")));
	}

	private final SealdropConfig full = SealdropConfig.of(ServerUrl.parse("https://files.example.com"))
		.withLogin("alice", "sdt_AbC-123_x", "5b0e2a1c-7d3f-4e8a-9b6c-0d1e2f3a4b5c")
		.withClient(UUID.fromString("3f2a6c1e-8d4b-4f7a-9c2e-1b5d7e9f0a11"), Path.of("/home/alice/.config/sealdrop/client-key.pem"));

	@Test
	void hasNothingBeforeTheFirstSave() throws IOException {
		assertThat(store().load()).isEmpty();
	}

	@Test
	void savesAndLoadsEveryField() throws IOException {
		store().save(full);

		assertThat(store().load()).contains(full);
		assertThat(store().file()).isEqualTo(xdg.resolve("sealdrop/config.json"));
	}

	@Test
	void writesTheFile0600AndCreatesTheFolder0700() throws IOException {
		store().save(full);

		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store().file()))).isEqualTo("rw-------");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(xdg.resolve("sealdrop")))).isEqualTo("rwx------");
	}

	@Test
	void replacingLeavesNoTemporaryFilesBehind() throws IOException {
		store().save(full);
		store().save(full.withoutToken());

		try (var files = Files.list(xdg.resolve("sealdrop"))) {
			assertThat(files).containsExactly(store().file());
		}
		assertThat(store().load().orElseThrow().token()).isNull();
	}

	@Test
	void refusesAFileOthersCanRead() throws IOException {
		store().save(full);
		Files.setPosixFilePermissions(store().file(), PosixFilePermissions.fromString("rw-r--r--"));

		assertThatThrownBy(() -> store().load()).isInstanceOf(ConfigException.class).hasMessageContaining("chmod 600");
	}

	@Test
	void deleteRemovesTheFile() throws IOException {
		store().save(full);

		assertThat(store().delete()).isTrue();
		assertThat(store().load()).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "[]", "{", "null", "{\"server\":\"https://x.example\"}",
			"{\"version\":2,\"server\":\"https://x.example\"}", "{\"version\":\"1\",\"server\":\"https://x.example\"}",
			"{\"version\":1}", "{\"version\":1,\"server\":\"ftp://x.example\"}",
			"{\"version\":1,\"server\":\"https://x.example\",\"extra\":true}",
			"{\"version\":1,\"server\":\"https://x.example\",\"server\":\"https://evil.example\"}",
			"{\"version\":1,\"server\":\"https://x.example\",\"token\":42}",
			"{\"version\":1,\"server\":\"https://x.example\",\"token\":\"sdt_x\\r\\nX-Injected: 1\"}",
			"{\"version\":1,\"server\":\"https://x.example\",\"username\":\"a:b\"}",
			"{\"version\":1,\"server\":\"https://x.example\",\"tokenId\":\"5b0e2a1c\"}",
			"{\"version\":1,\"server\":\"https://x.example\",\"token\":\"sdt_x\",\"tokenId\":\"../x\"}",
			"{\"version\":1,\"server\":\"https://x.example\",\"clientId\":\"3f2a6c1e-8d4b-4f7a-9c2e-1b5d7e9f0a11\"}",
			"{\"version\":1,\"server\":\"https://x.example\",\"clientId\":\"1-2-3-4-5\",\"clientKey\":\"/k.pem\"}",
			"{\"version\":1,\"server\":\"https://x.example\",\"clientId\":\"3f2a6c1e-8d4b-4f7a-9c2e-1b5d7e9f0a11\",\"clientKey\":\"k.pem\"}" })
	void rejectsMalformedFiles(String json) throws IOException {
		write(json);

		assertThatThrownBy(() -> store().load()).isInstanceOf(ConfigException.class)
			.hasMessageStartingWith(store().file().toString());
	}

	@Test
	void neverPutsTheTokenIntoMessages() throws IOException {
		write("{\"version\":1,\"server\":\"https://x.example\",\"token\":\"sdt_secret value\"}");

		assertThatThrownBy(() -> store().load()).hasMessageNotContaining("sdt_secret");
		assertThat(full.toString()).doesNotContain("sdt_AbC-123_x").contains("token=***");
	}

	@Test
	void rejectsAnOversizedFile() throws IOException {
		write("{\"version\":1,\"server\":\"https://x.example\",\"username\":\"" + "a".repeat(70_000) + "\"}");

		assertThatThrownBy(() -> store().load()).isInstanceOf(ConfigException.class).hasMessageContaining("larger than");
	}

	private void write(String json) throws IOException {
		PrivateFiles.writeAtomically(store().file(), json.getBytes(StandardCharsets.UTF_8));
	}

}
