package dev.sealdrop.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.sealdrop.format.Identity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class InspectCommandTests {

	@TempDir
	Path dir;

	CliRun cli;

	Identity alice;

	Identity bob;

	@BeforeEach
	void archive() throws Exception {
		this.cli = new CliRun(this.dir);
		this.alice = TestKeys.create(this.cli, "alice");
		this.bob = TestKeys.create(this.cli, "bob");
		this.cli.write("data.bin", RoundTripTests.randomBytes(150_000));
		CliRun.Result encrypted = this.cli.run("encrypt", "-r", "alice.pub.pem", "-r", "bob.pub.pem", "--chunk-size",
				"64KiB", "-o", "data.zip", "data.bin");
		assertThat(encrypted.exitCode()).as(encrypted.toString()).isEqualTo(0);
	}

	@Test
	void describesTheHeaderWithoutAKey() {
		CliRun.Result result = this.cli.run("inspect", "data.zip");

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(0);
		assertThat(result.out()).contains("format:          1")
			.contains("chunk size:      65536 bytes")
			.contains("chunks:          3")
			.contains("original size:   150000 bytes")
			.contains("recipients:      2")
			.contains("  " + this.alice.fingerprint())
			.contains("  " + this.bob.fingerprint())
			.containsPattern("metadata:        \\d+ bytes");
		assertThat(result.out().indexOf(this.alice.fingerprint().toString()))
			.isLessThan(result.out().indexOf(this.bob.fingerprint().toString()));
	}

	@Test
	void printsJsonForScripts() throws Exception {
		CliRun.Result result = this.cli.run("inspect", "--json", "data.zip");

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(0);
		JsonNode json = JsonMapper.builder().build().readTree(result.out());
		assertThat(json.get("format_version").asInt()).isEqualTo(1);
		assertThat(json.get("chunk_size").asInt()).isEqualTo(65536);
		assertThat(json.get("total_chunks").asLong()).isEqualTo(3);
		assertThat(json.get("original_size").asLong()).isEqualTo(150_000);
		assertThat(json.get("metadata_bytes").asLong()).isPositive();
		assertThat(json.get("recipients")).hasSize(2);
		assertThat(json.get("recipients").get(0).asString()).isEqualTo(this.alice.fingerprint().toString());
	}

	@Test
	void printsNullSizesInJsonForAStreamedArchive() throws Exception {
		this.cli.stdin("streamed".getBytes(StandardCharsets.UTF_8))
			.run("encrypt", "-r", "alice.pub.pem", "-o", "s.zip", "-");

		CliRun.Result result = this.cli.run("inspect", "--json", "s.zip");

		JsonNode json = JsonMapper.builder().build().readTree(result.out());
		assertThat(json.get("total_chunks").isNull()).isTrue();
		assertThat(json.get("original_size").isNull()).isTrue();
	}

	@Test
	void readsTheArchiveFromStandardInput() throws Exception {
		CliRun.Result result = this.cli.stdin(Files.readAllBytes(this.cli.path("data.zip"))).run("inspect", "-");

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(0);
		assertThat(result.out()).contains("recipients:      2");
	}

	@Test
	void rejectsSomethingThatIsNotAnArchive() throws Exception {
		this.cli.write("x.zip", "PK but not really".getBytes(StandardCharsets.UTF_8));

		CliRun.Result result = this.cli.run("inspect", "x.zip");

		assertThat(result.exitCode()).isEqualTo(ExitCode.MALFORMED_ARCHIVE.code());
		assertThat(result.out()).isEmpty();
		assertThat(result.err()).startsWith("sealdrop: inspect: ");
	}

}
