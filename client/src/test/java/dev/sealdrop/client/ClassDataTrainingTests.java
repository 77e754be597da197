package dev.sealdrop.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher's training run ({@link ClassDataTraining}) must keep working as the commands change:
 * it runs through (the launcher installs an archive only then) and leaves no file behind.
 */
class ClassDataTrainingTests {

	@Test
	void runsThroughAndLeavesNothingBehind() throws Exception {
		List<Path> before = trainingDirectories();
		ClassDataTraining.run();
		assertThat(trainingDirectories()).isEqualTo(before);
	}

	private static List<Path> trainingDirectories() throws IOException {
		try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
			return files.filter((file) -> file.getFileName().toString().startsWith("sealdrop-training-")).sorted().toList();
		}
	}

}
