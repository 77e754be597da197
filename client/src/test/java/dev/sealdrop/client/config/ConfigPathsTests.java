package dev.sealdrop.client.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ConfigPathsTests {

	private final Path home = Path.of("/home/alice");

	@Test
	void usesXdgConfigHomeWhenAbsolute() {
		ConfigPaths paths = ConfigPaths.of(Map.of("XDG_CONFIG_HOME", "/xdg")::get, home);

		assertThat(paths.dir()).isEqualTo(Path.of("/xdg/sealdrop"));
		assertThat(paths.configFile()).isEqualTo(Path.of("/xdg/sealdrop/config.json"));
		assertThat(paths.knownServersFile()).isEqualTo(Path.of("/xdg/sealdrop/known_servers"));
		assertThat(paths.clientKeyFile()).isEqualTo(Path.of("/xdg/sealdrop/client-key.pem"));
	}

	@Test
	void fallsBackToDotConfigWhenUnset() {
		assertThat(ConfigPaths.of(Map.<String, String>of()::get, home).dir()).isEqualTo(Path.of("/home/alice/.config/sealdrop"));
	}

	@Test
	void ignoresARelativeXdgConfigHomeAsTheSpecSays() {
		assertThat(ConfigPaths.of(Map.of("XDG_CONFIG_HOME", "relative/dir")::get, home).dir())
			.isEqualTo(Path.of("/home/alice/.config/sealdrop"));
	}

	@Test
	void ignoresAnEmptyXdgConfigHome() {
		assertThat(ConfigPaths.of(Map.of("XDG_CONFIG_HOME", "")::get, home).dir())
			.isEqualTo(Path.of("/home/alice/.config/sealdrop"));
	}

}
