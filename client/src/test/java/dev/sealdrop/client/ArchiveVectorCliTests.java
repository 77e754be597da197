package dev.sealdrop.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the format module's test vectors (v1 and format 0, each a {@code .zip} with a {@code .vector}
 * header: {@code expect}, {@code identity}, {@code sha256}, {@code name}, {@code format},
 * {@code inspect}) through {@code sealdrop decrypt} and {@code sealdrop inspect}: the exit code must be
 * the one for the expected error class, a success must produce the expected file under the expected
 * name, and a failure must leave nothing behind. The vectors are read in place from the format module
 * (tests run with the module directory as working directory), so they have one source of truth.
 */
class ArchiveVectorCliTests {

	private static final Path RESOURCES = Path.of("..", "format", "src", "test", "resources");

	@TempDir
	Path dir;

	// git does not keep file modes beyond the executable bit: a fresh clone has the fixture keys 0644,
	// which decrypt would warn about; a private copy makes the run independent of the checkout
	@TempDir
	Path keys;

	static Stream<Path> vectors() throws IOException {
		assertThat(RESOURCES.resolve("vectors")).as("format module test vectors").isDirectory();
		Stream<Path> v1 = Files.list(RESOURCES.resolve("vectors"));
		Stream<Path> format0 = Files.isDirectory(RESOURCES.resolve("format0")) ? Files.list(RESOURCES.resolve("format0"))
				: Stream.empty();
		return Stream.concat(v1, format0).filter((file) -> file.toString().endsWith(".vector")).sorted();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("vectors")
	void decryptExitsWithTheExpectedCodeAndWritesOnlyVerifiedOutput(Path vector) throws Exception {
		Map<String, String> header = header(vector);
		Path archive = archiveOf(vector);
		Path identity = privateCopy(vector.resolveSibling(header.get("identity")));
		ExitCode expected = exitCode(header.get("expect"));

		CliRun.Result result = new CliRun(this.dir).run("decrypt", "-i", identity.toString(), archive.toString());

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(expected.code());
		if (expected == ExitCode.OK) {
			Path output = this.dir.resolve(header.get("name"));
			assertThat(output).exists();
			assertThat(sha256(output)).isEqualTo(header.get("sha256"));
			assertThat(result.err()).contains("sha256 " + header.get("sha256"));
			if ("0".equals(header.get("format"))) {
				assertThat(result.err()).contains("sealdrop: warning: format 0");
			}
		}
		else {
			assertThat(result.err()).startsWith("sealdrop: decrypt: ").doesNotContain("\tat ");
			try (Stream<Path> left = Files.list(this.dir)) {
				assertThat(left).as("files left behind").isEmpty();
			}
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("vectors")
	void inspectReadsTheHeaderOfEveryArchiveWithAReadableHeader(Path vector) throws Exception {
		Map<String, String> header = header(vector);
		String inspect = header.get("inspect");
		ExitCode expected = (inspect != null) ? exitCode(inspect)
				: ("success".equals(header.get("expect")) ? ExitCode.OK : null);
		if (expected == null) {
			return; // a content failure the header does not show; decrypt covers it
		}

		CliRun.Result result = new CliRun(this.dir).run("inspect", archiveOf(vector).toString());

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(expected.code());
		if (expected == ExitCode.OK) {
			assertThat(result.out()).contains("format:          " + header.getOrDefault("format", "1"));
		}
	}

	private static Path archiveOf(Path vector) {
		String name = vector.getFileName().toString();
		return vector.resolveSibling(name.substring(0, name.length() - ".vector".length()) + ".zip").toAbsolutePath();
	}

	private static Map<String, String> header(Path vector) throws IOException {
		Map<String, String> header = new LinkedHashMap<>();
		for (String line : Files.readAllLines(vector)) {
			int colon = line.indexOf(':');
			if (colon > 0) {
				header.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
			}
		}
		return header;
	}

	/** "integrity failure" → INTEGRITY_FAILURE, "success" → OK: the vector classes are FORMAT.md §11's. */
	private static ExitCode exitCode(String expect) {
		return "success".equals(expect) ? ExitCode.OK
				: ExitCode.valueOf(expect.toUpperCase(Locale.ROOT).replace(' ', '_'));
	}

	private static String sha256(Path file) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
	}


	private Path privateCopy(Path key) throws IOException {
		Path copy = this.keys.resolve(key.getFileName().toString());
		if (!Files.exists(copy)) {
			Files.copy(key, copy);
			Files.setPosixFilePermissions(copy, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
		}
		return copy;
	}

}
