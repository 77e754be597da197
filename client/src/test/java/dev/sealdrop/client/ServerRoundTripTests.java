package dev.sealdrop.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Upload, download and the file commands against a real server. */
class ServerRoundTripTests {

	@TempDir
	static Path dir;

	static TestServer server;

	static ServerUser alice;

	@BeforeAll
	static void logIn() throws IOException {
		server = TestServer.get();
		alice = ServerUser.create(server, dir, "alice").loginAndRegister(server.url());
	}

	@ParameterizedTest(name = "{0} bytes")
	@ValueSource(ints = { 0, 1, 65_536, 1 << 20, (1 << 20) + 1, (3 << 20) + 17, 20 << 20 })
	void uploadThenDownloadGivesTheSameBytes(int size) throws IOException {
		byte[] content = random(size, size);
		String name = "file-" + size + ".bin";
		Files.write(alice.file(name), content);

		String id = alice.upload(name);
		Path out = alice.file("out-" + size);
		CliRun.Result download = alice.run("download", id, "-o", out.toString());

		assertThat(download.exitCode()).as(download.toString()).isZero();
		assertThat(Files.readAllBytes(out)).isEqualTo(content);
	}

	@Test
	void aFileOfManyChunksRoundTrips() throws IOException {
		byte[] content = random((5 << 20) + 17, 5);
		Files.write(alice.file("many.bin"), content);

		CliRun.Result upload = alice.run("upload", "--json", "--chunk-size", "64KiB", "many.bin");
		assertThat(upload.exitCode()).as(upload.toString()).isZero();
		String id = upload.out().replaceAll("(?s).*\"id\":\"([^\"]+)\".*", "$1");
		CliRun.Result info = alice.run("info", id);
		CliRun.Result download = alice.run("download", id, "-o", "many-out.bin");

		assertThat(info.out()).containsPattern("chunks:? +81\\b");
		assertThat(download.exitCode()).as(download.toString()).isZero();
		assertThat(Files.readAllBytes(alice.file("many-out.bin"))).isEqualTo(content);
	}

	@Test
	void downloadWithoutOutputUsesTheStoredNameInTheWorkingDirectory() throws IOException {
		Files.write(alice.file("report.txt"), "quarterly numbers".getBytes());
		String id = alice.upload("report.txt");
		Files.delete(alice.file("report.txt"));

		CliRun.Result download = alice.run("download", id);

		assertThat(download.exitCode()).as(download.toString()).isZero();
		assertThat(alice.file("report.txt")).hasContent("quarterly numbers");
	}

	@Test
	void standardInputIsUploadedUnderTheGivenName() throws IOException {
		byte[] content = random(1_500_000, 7);
		CliRun.Result upload = alice.cli().stdin(content).run("upload", "--name", "piped.bin", "-");
		assertThat(upload.exitCode()).as(upload.toString()).isZero();
		String id = upload.out().strip();

		CliRun.Result download = alice.run("download", id, "-o", "-");

		assertThat(download.exitCode()).as(download.toString()).isZero();
		assertThat(download.stdout()).isEqualTo(content);
		assertThat(alice.run("info", id).out()).contains("name:      piped.bin");
	}

	@Test
	void jsonOutputIsOneObjectPerFileWithTheServersDigest() throws IOException {
		Files.write(alice.file("a.txt"), "a".getBytes());
		Files.write(alice.file("b.txt"), "bb".getBytes());

		CliRun.Result upload = alice.run("upload", "--json", "a.txt", "b.txt");

		assertThat(upload.exitCode()).as(upload.toString()).isZero();
		String[] lines = upload.out().strip().split("\n");
		assertThat(lines).hasSize(2);
		assertThat(lines[0]).contains("\"name\":\"a.txt\"", "\"size\":1",
				"\"sha256\":\"ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb\"", "\"id\":\"");
		assertThat(lines[1]).contains("\"name\":\"b.txt\"", "\"size\":2");
	}

	@Test
	void lsInfoAndRm() throws IOException {
		Files.write(alice.file("gone.txt"), "bye".getBytes());
		String id = alice.upload("gone.txt");

		assertThat(alice.run("ls").out()).contains(id).contains("gone.txt");
		assertThat(alice.run("ls", "--json").out()).contains("\"id\":\"" + id + "\"");
		CliRun.Result info = alice.run("info", id);
		assertThat(info.out()).contains("name:      gone.txt").contains("size:      3 bytes");

		assertThat(alice.run("rm", id).exitCode()).isZero();
		CliRun.Result after = alice.run("info", id);
		assertThat(after.exitCode()).as(after.toString()).isEqualTo(ExitCode.NOT_FOUND.code());
		assertThat(after.err()).startsWith("sealdrop: info: 404");
	}

	@Test
	void downloadRefusesAClientKeyOtherUsersCanRead() throws IOException {
		Files.write(alice.file("key-check.txt"), "x".getBytes());
		String id = alice.upload("key-check.txt");
		Path key = alice.configDir().resolve("client-key.pem");
		Files.setPosixFilePermissions(key, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
		try {
			CliRun.Result download = alice.run("download", id, "-o", "key-check-out.txt");

			assertThat(download.exitCode()).as(download.toString()).isEqualTo(ExitCode.IO_ERROR.code());
			assertThat(download.err()).contains("readable or writable by other users");
			assertThat(alice.file("key-check-out.txt")).doesNotExist();
		}
		finally {
			Files.setPosixFilePermissions(key, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
		}
	}

	@Test
	void downloadRefusesToOverwriteAnExistingFile() throws IOException {
		Files.write(alice.file("keep.txt"), "original".getBytes());
		String id = alice.upload("keep.txt");

		CliRun.Result download = alice.run("download", id, "-o", "keep.txt");

		assertThat(download.exitCode()).isEqualTo(ExitCode.OUTPUT_EXISTS.code());
		assertThat(alice.file("keep.txt")).hasContent("original");
	}

	@Test
	void downloadWritesIntoADeviceInPlaceAndNeverReplacesALink() throws IOException {
		Files.write(alice.file("memo.txt"), "for the record".getBytes());
		String id = alice.upload("memo.txt");
		Path elsewhere = Files.write(alice.file("elsewhere.txt"), "original".getBytes());
		Path link = Files.createSymbolicLink(alice.file("link.txt"), elsewhere);

		CliRun.Result intoDevice = alice.run("download", id, "-o", "/dev/null");
		CliRun.Result overLink = alice.run("download", id, "-f", "-o", "link.txt");

		assertThat(intoDevice.exitCode()).as(intoDevice.toString()).isZero();
		assertThat(Files.isRegularFile(Path.of("/dev/null"))).isFalse();
		assertThat(overLink.exitCode()).as(overLink.toString()).isEqualTo(ExitCode.IO_ERROR.code());
		assertThat(overLink.err()).contains("is a symbolic link");
		assertThat(Files.isSymbolicLink(link)).isTrue();
		assertThat(elsewhere).hasContent("original");
	}

	@Test
	void sharedFilesCanBeDownloadedByTheOtherUser() throws IOException {
		ServerUser bob = ServerUser.create(server, dir, "bob").loginAndRegister(server.url());
		Files.write(alice.file("for-bob.txt"), "hello bob".getBytes());
		String id = alice.upload("for-bob.txt");

		assertThat(bob.run("download", id).exitCode()).isEqualTo(ExitCode.NOT_FOUND.code());
		CliRun.Result share = alice.run("share", id, bob.name);
		assertThat(share.exitCode()).as(share.toString()).isZero();
		// a repeat (as after a lost answer) finds the work done
		CliRun.Result again = alice.run("share", id, bob.name);
		assertThat(again.exitCode()).as(again.toString()).isZero();
		assertThat(again.err()).contains("is already shared with " + bob.name);
		CliRun.Result download = bob.run("download", id);

		assertThat(download.exitCode()).as(download.toString()).isZero();
		assertThat(bob.file("for-bob.txt")).hasContent("hello bob");
		assertThat(bob.run("ls", "--shared").out()).contains(id).contains("for-bob.txt");
		assertThat(bob.run("ls").out()).doesNotContain(id);
	}

	@Test
	void clientsListsThisComputer() {
		CliRun.Result clients = alice.run("clients");

		assertThat(clients.exitCode()).isZero();
		assertThat(clients.out()).startsWith("* ").contains("test");
	}

	@Test
	void anUnknownFileIdIsNotFound() {
		CliRun.Result result = alice.run("download", "no-such-file");

		assertThat(result.exitCode()).isEqualTo(ExitCode.NOT_FOUND.code());
		assertThat(result.err()).contains("hint: sealdrop ls");
	}

	@Test
	void anUploadOverTheServersLimitSaysSoWithTheLimit() throws IOException {
		byte[] content = random((int) TestServer.MAX_ARCHIVE_BYTES + (1 << 20), 3);
		Files.write(alice.file("huge.bin"), content);

		CliRun.Result result = alice.run("upload", "huge.bin");

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.TOO_LARGE.code());
		assertThat(result.err()).contains(String.valueOf(TestServer.MAX_ARCHIVE_BYTES));
	}

	@Test
	void largeTransfersReportProgressAsPlainLinesWhenNotOnATerminal() throws IOException {
		Files.write(alice.file("big.bin"), random((int) Progress.THRESHOLD_BYTES, 5));

		CliRun.Result upload = alice.run("upload", "big.bin");
		CliRun.Result quiet = alice.run("--quiet", "upload", "big.bin");

		assertThat(upload.exitCode()).as(upload.toString()).isZero();
		assertThat(upload.err()).contains("Uploading big.bin: 10% (").contains("Uploading big.bin: 100% (8.0 MiB of 8.0 MiB, ");
		assertThat(quiet.err()).isEmpty();
	}

	@Test
	void jsonAndStandardOutputExcludeEachOther() {
		CliRun.Result result = alice.run("download", "--json", "-o", "-", "some-id");

		assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE.code());
	}

	@Test
	void verboseShowsTheHttpExchangeWithoutTheToken() throws IOException {
		Files.write(alice.file("v.txt"), "v".getBytes());
		String config = Files.readString(alice.configDir().resolve("config.json"));
		String token = config.replaceAll("(?s).*\"(sdt_[^\"]*)\".*", "$1");

		CliRun.Result result = alice.run("--verbose", "upload", "v.txt");

		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(result.err()).contains("> POST " + server.url() + "/api/v1/files HTTP/1.1")
			.contains("> Authorization: Bearer ***")
			.contains("< HTTP/1.1 201")
			.doesNotContain(token);
	}

	static byte[] random(int size, long seed) {
		byte[] bytes = new byte[size];
		new Random(seed).nextBytes(bytes);
		return bytes;
	}

}
