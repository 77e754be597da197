package dev.sealdrop.format;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Runs every test vector (FORMAT.md §14) through decrypt and inspect. A vector is {@code <name>.zip}
 * with a header file {@code <name>.vector} of {@code key: value} lines: {@code expect} ({@code success}
 * or an error class of §11: {@code malformed archive}, {@code unsupported format}, {@code no matching
 * key}, {@code integrity failure}), {@code identity} (a private key file, relative to the vector),
 * {@code sha256} and {@code name} of the plaintext for successes, optionally {@code inspect} (the
 * expected outcome of inspect, {@code success} by default for successes), {@code format} and
 * {@code comment}.
 */
class ArchiveVectorTests {

	static Stream<Path> vectors() throws IOException, URISyntaxException {
		Stream<Path> all = Stream.empty();
		for (String dir : List.of("/vectors", "/format0")) {
			Path root = Path.of(ArchiveVectorTests.class.getResource(dir).toURI());
			try (Stream<Path> files = Files.list(root)) {
				all = Stream.concat(all, files.filter((p) -> p.toString().endsWith(".vector")).sorted().toList().stream());
			}
		}
		return all;
	}

	@Test
	void thereAreVectorsOfEveryKind() throws Exception {
		List<String> expects = vectors().map((p) -> header(p).get("expect")).distinct().toList();
		assertThat(expects).contains("success", "integrity failure", "malformed archive", "unsupported format",
				"no matching key");
		assertThat(vectors().filter((p) -> "0".equals(header(p).get("format")))).hasSizeGreaterThanOrEqualTo(4);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("vectors")
	void decrypt(Path vector) throws Exception {
		Map<String, String> header = header(vector);
		Identity identity = Identity.read(vector.resolveSibling(header.get("identity")), null);
		Path zip = archive(vector);
		String expect = header.get("expect");
		if ("success".equals(expect)) {
			try (DecryptingInputStream in = Sealdrop.decrypt(Files.newInputStream(zip), List.of(identity))) {
				MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
				byte[] buffer = new byte[65536];
				int n;
				while ((n = in.read(buffer)) >= 0) {
					sha256.update(buffer, 0, n);
				}
				String digest = Hex.encode(sha256.digest());
				assertThat(digest).isEqualTo(header.get("sha256"));
				assertThat(Hex.encode(in.sha256())).isEqualTo(digest);
				assertThat(in.header().name()).isEqualTo(header.get("name"));
				assertThat(in.header().formatVersion()).isEqualTo(Integer.parseInt(header.getOrDefault("format", "1")));
				assertThat(in.header().warnings()).hasSize("0".equals(header.get("format")) ? 1 : 0);
			}
		}
		else {
			assertThatThrownBy(() -> {
				try (DecryptingInputStream in = Sealdrop.decrypt(Files.newInputStream(zip), List.of(identity))) {
					in.transferTo(java.io.OutputStream.nullOutputStream());
				}
			}).isInstanceOf(SealdropException.class).satisfies((ex) -> assertThat(kind((SealdropException) ex)).isEqualTo(expect));
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("vectors")
	void inspect(Path vector) throws Exception {
		Map<String, String> header = header(vector);
		String expect = header.getOrDefault("inspect", "success".equals(header.get("expect")) ? "success" : null);
		if (expect == null) {
			return;
		}
		try (InputStream in = Files.newInputStream(archive(vector))) {
			if ("success".equals(expect)) {
				ArchiveInfo info = Sealdrop.inspect(in);
				assertThat(info.formatVersion()).isEqualTo(Integer.parseInt(header.getOrDefault("format", "1")));
			}
			else {
				assertThatThrownBy(() -> Sealdrop.inspect(in)).isInstanceOf(SealdropException.class)
					.satisfies((ex) -> assertThat(kind((SealdropException) ex)).isEqualTo(expect));
			}
		}
	}

	private static Path archive(Path vector) {
		String name = vector.getFileName().toString();
		return vector.resolveSibling(name.substring(0, name.length() - ".vector".length()) + ".zip");
	}

	static String kind(SealdropException ex) {
		return ex.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
	}

	static Map<String, String> header(Path vector) {
		Map<String, String> header = new LinkedHashMap<>();
		try {
			for (String line : Files.readAllLines(vector, StandardCharsets.UTF_8)) {
				int colon = line.indexOf(": ");
				if (colon < 0) {
					throw new IllegalStateException(vector + ": bad line " + line);
				}
				header.put(line.substring(0, colon), line.substring(colon + 2));
			}
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		return header;
	}

}
