package dev.sealdrop.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code sealdrop} launcher script at the root of the checkout, run with bash against a small
 * probe jar (the real jar is built after the tests): arguments, standard streams and the exit status
 * pass through unchanged, and its class-data sharing archive is written once, privately, only by a
 * run that ended well, and then used.
 */
@EnabledOnOs({ OS.LINUX, OS.MAC })
class LauncherScriptTests {

	private static final String TRAINING = "dev.sealdrop.client.ClassDataTraining";

	private static final Path SCRIPT = Path.of("..", "sealdrop").toAbsolutePath().normalize();

	@TempDir
	Path dir;

	private Path jar;

	private Path cache;

	@BeforeEach
	void probeJar() throws IOException {
		this.jar = this.dir.resolve("probe.jar");
		this.cache = this.dir.resolve("cache");
		Manifest manifest = new Manifest();
		manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
		manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, LauncherProbe.class.getName());
		String entry = LauncherProbe.class.getName().replace('.', '/') + ".class";
		try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(this.jar), manifest);
				InputStream probe = LauncherProbe.class.getClassLoader().getResourceAsStream(entry)) {
			out.putNextEntry(new JarEntry(entry));
			probe.transferTo(out);
			out.closeEntry();
			out.putNextEntry(new JarEntry(TRAINING.replace('.', '/') + ".class"));
			out.write(trainingClass());
			out.closeEntry();
		}
	}

	/**
	 * A stand-in for the real training class (whose dependencies are not in the probe jar): loads the
	 * probe, so that an archive records it, and exits with {@code $TRAINING_STATUS}.
	 */
	private byte[] trainingClass() throws IOException {
		Path sources = Files.createDirectories(this.dir.resolve("training-src"));
		Path source = sources.resolve("ClassDataTraining.java");
		Files.writeString(source, """
				package dev.sealdrop.client;
				public final class ClassDataTraining {
					public static void main(String[] args) throws Exception {
						Class.forName("%s");
						System.out.println("training output the launcher must hide");
						System.exit(Integer.parseInt(System.getenv().getOrDefault("TRAINING_STATUS", "0")));
					}
				}
				""".formatted(LauncherProbe.class.getName()));
		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		int status = compiler.run(null, null, null, "--release", "17", "-d", sources.toString(), source.toString());
		assertThat(status).isZero();
		return Files.readAllBytes(sources.resolve(TRAINING.replace('.', '/') + ".class"));
	}

	@Test
	void passesArgumentsStreamsAndStatusThrough() throws Exception {
		Result result = run(Map.of(), "stdin text", "exit=3", "two words", "-", "--json");
		assertThat(result.status()).isEqualTo(3);
		assertThat(result.out()).isEqualTo("[exit=3][two words][-][--json]stdin text");
		assertThat(result.err()).isEqualTo("probe: on stderr\n");
	}

	@Test
	void trainsOnceThenEveryRunMapsTheArchive() throws Exception {
		Result first = run(Map.of(), "", "exit=0");
		assertThat(first.status()).isZero();
		assertThat(first.out()).as("nothing but the program's output").isEqualTo("[exit=0]");
		assertThat(first.err()).isEqualTo("probe: on stderr\n");
		List<Path> archives = archives();
		assertThat(archives).hasSize(1);
		assertThat(Files.getPosixFilePermissions(this.cache.resolve("sealdrop")))
			.isEqualTo(PosixFilePermissions.fromString("rwx------"));
		try (Stream<Path> files = Files.list(this.cache.resolve("sealdrop"))) {
			assertThat(files.sorted().toList()).as("no temporary file left")
				.containsExactly(archives.get(0), stamps().get(0));
		}

		Path log = this.dir.resolve("class-load.log");
		Result second = run(Map.of("SEALDROP_JAVA_OPTS", "-Xlog:class+load=info:file=" + log), "", "exit=4");
		assertThat(second.status()).isEqualTo(4);
		assertThat(second.out()).isEqualTo("[exit=4]");
		assertThat(Files.readString(log)).containsPattern(
				LauncherProbe.class.getName().replace(".", "\\.") + " source: shared objects file \\(top\\)");
		assertThat(archives()).isEqualTo(archives);
	}

	@Test
	void aTrainingThatFailsInstallsNoArchiveAndIsNotRepeated() throws Exception {
		Result first = run(Map.of("TRAINING_STATUS", "1"), "in", "exit=0");
		assertThat(first.status()).isZero();
		assertThat(first.out()).isEqualTo("[exit=0]in");
		assertThat(archives()).isEmpty();
		assertThat(stamps()).singleElement().satisfies((stamp) -> assertThat(Files.readString(stamp)).startsWith("failed "));
		assertThat(run(Map.of(), "", "exit=0").status()).isZero();
		assertThat(archives()).as("not trained again for the same build").isEmpty();
	}

	@Test
	void aNewBuildOfTheJarReplacesItsArchive() throws Exception {
		assertThat(run(Map.of("TRAINING_STATUS", "1"), "", "exit=0").status()).isZero();
		assertThat(archives()).isEmpty();
		// a rebuilt jar is trained again (here with success), and its archive replaces the old one
		Files.setLastModifiedTime(this.jar, java.nio.file.attribute.FileTime.fromMillis(86_400_000L));
		assertThat(run(Map.of(), "", "exit=0").status()).isZero();
		List<Path> first = archives();
		assertThat(first).hasSize(1);
		java.nio.file.attribute.FileTime made = Files.getLastModifiedTime(first.get(0));
		Files.setLastModifiedTime(this.jar, java.nio.file.attribute.FileTime.fromMillis(2 * 86_400_000L));
		Thread.sleep(1100);
		assertThat(run(Map.of(), "", "exit=0").status()).isZero();
		assertThat(archives()).isEqualTo(first);
		assertThat(Files.getLastModifiedTime(first.get(0))).isGreaterThan(made);
		assertThat(stamps()).singleElement().satisfies((stamp) -> assertThat(Files.readString(stamp)).doesNotStartWith("failed"));
	}

	@Test
	void anotherJarKeepsItsOwnArchive() throws Exception {
		assertThat(run(Map.of(), "", "exit=0").status()).isZero();
		Path other = this.dir.resolve("other").resolve("probe.jar");
		Files.createDirectories(other.getParent());
		Files.copy(this.jar, other);
		assertThat(run(Map.of("SEALDROP_JAR", other.toString()), "", "exit=0").status()).isZero();
		assertThat(archives()).hasSize(2);
		assertThat(stamps()).hasSize(2);
	}

	@Test
	void sealdropCdsZeroTurnsTheArchiveOff() throws Exception {
		Result result = run(Map.of("SEALDROP_CDS", "0"), "", "exit=0");
		assertThat(result.status()).isZero();
		assertThat(this.cache).doesNotExist();
	}

	private List<Path> archives() throws IOException {
		return cacheFiles("classes-\\d+\\.jsa");
	}

	private List<Path> stamps() throws IOException {
		return cacheFiles("classes-\\d+\\.stamp");
	}

	private List<Path> cacheFiles(String pattern) throws IOException {
		Path folder = this.cache.resolve("sealdrop");
		if (!Files.isDirectory(folder)) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(folder)) {
			return files.filter((file) -> file.getFileName().toString().matches(pattern)).sorted().toList();
		}
	}

	private Result run(Map<String, String> env, String stdin, String... args) throws Exception {
		List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command);
		builder.environment().put("SEALDROP_JAR", this.jar.toString());
		builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
		builder.environment().put("XDG_CACHE_HOME", this.cache.toString());
		builder.environment().remove("SEALDROP_JAVA_OPTS");
		builder.environment().remove("SEALDROP_CDS");
		builder.environment().putAll(env);
		Path out = this.dir.resolve("out.txt");
		Path err = this.dir.resolve("err.txt");
		builder.redirectOutput(out.toFile()).redirectError(err.toFile());
		Process process = builder.start();
		try (OutputStream in = process.getOutputStream()) {
			in.write(stdin.getBytes(StandardCharsets.UTF_8));
		}
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
	}

	private record Result(int status, String out, String err) {
	}

}
