package dev.sealdrop.server.system;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DataDirectoryTests {

	@TempDir
	Path temp;

	@Test
	void createsTheRootAndTheDatabaseDirectory() {
		DataDirectory data = new DataDirectory(this.temp.resolve("a/b/data"));
		assertThat(data.root()).isDirectory().isAbsolute();
		assertThat(data.root().resolve("db")).isDirectory();
	}

	@Test
	@DisabledOnOs(OS.WINDOWS)
	void directoriesAreOwnerOnly() throws Exception {
		DataDirectory data = new DataDirectory(this.temp.resolve("data"));
		Path nested = data.createPrivateDirectories("keys/old");
		for (Path dir : new Path[] { data.root(), data.root().resolve("db"), data.root().resolve("keys"), nested }) {
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
		}
	}

	@Test
	void existingDirectoriesAreKept() throws Exception {
		Path root = this.temp.resolve("data");
		Files.createDirectories(root.resolve("db"));
		Files.writeString(root.resolve("db/marker"), "x");
		new DataDirectory(root);
		assertThat(root.resolve("db/marker")).hasContent("x");
	}

	@Test
	void subdirectoryMayNotEscapeTheRoot() {
		DataDirectory data = new DataDirectory(this.temp.resolve("data"));
		assertThatIllegalArgumentException().isThrownBy(() -> data.createPrivateDirectories("../outside"));
		assertThatIllegalArgumentException().isThrownBy(() -> data.createPrivateDirectories("."));
		assertThatIllegalArgumentException().isThrownBy(() -> data.createPrivateDirectories(this.temp.toString()));
		assertThat(this.temp.resolve("outside")).doesNotExist();
	}

	@Test
	void relativeRootIsResolvedToAnAbsolutePath() {
		DataDirectory data = new DataDirectory(this.temp.resolve("x/../data"));
		assertThat(data.root()).isEqualTo(this.temp.resolve("data").toAbsolutePath());
	}

}
