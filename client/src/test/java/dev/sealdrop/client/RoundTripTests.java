package dev.sealdrop.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;

import dev.sealdrop.format.Identity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RoundTripTests {

	@TempDir
	Path dir;

	CliRun cli;

	@BeforeEach
	void keys() throws Exception {
		this.cli = new CliRun(this.dir);
		TestKeys.create(this.cli, "alice");
	}

	@ParameterizedTest(name = "{0} bytes")
	@ValueSource(ints = { 0, 1, 65535, 65536, 65537, 3 * 65536 + 17 })
	void decryptsWhatItEncryptedWithSmallChunks(int length) throws Exception {
		byte[] plaintext = randomBytes(length);
		this.cli.write("data.bin", plaintext);

		CliRun.Result encrypted = this.cli.run("encrypt", "-r", "alice.pub.pem", "--chunk-size", "64KiB", "data.bin");
		assertThat(encrypted.exitCode()).as(encrypted.toString()).isEqualTo(0);
		assertThat(this.cli.path("data.bin.zip")).exists();
		Files.delete(this.cli.path("data.bin"));

		CliRun.Result decrypted = this.cli.run("decrypt", "-i", "alice.pem", "data.bin.zip");

		assertThat(decrypted.exitCode()).as(decrypted.toString()).isEqualTo(0);
		assertThat(this.cli.path("data.bin")).hasBinaryContent(plaintext);
		assertThat(decrypted.err()).contains("sha256 " + sha256(plaintext));
		assertThat(encrypted.err()).contains("sha256 " + sha256(plaintext));
		assertThat(this.cli.files()).containsExactlyInAnyOrder("alice.pem", "alice.pub.pem", "data.bin",
				"data.bin.zip");
	}

	@Test
	void decryptedFileIsReadableByTheOwnerOnly() throws Exception {
		this.cli.write("secret.txt", "hello".getBytes(StandardCharsets.UTF_8));
		assertThat(this.cli.run("encrypt", "-r", "alice.pub.pem", "secret.txt").exitCode()).isEqualTo(0);

		assertThat(this.cli.run("decrypt", "-i", "alice.pem", "-o", "out.txt", "secret.txt.zip").exitCode())
			.isEqualTo(0);

		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(this.cli.path("out.txt"))))
			.isEqualTo("rw-------");
	}

	@Test
	void encryptsStandardInputOfUnknownLengthIntoTheOutputFile() throws Exception {
		byte[] plaintext = randomBytes(200_000);

		CliRun.Result encrypted = this.cli.stdin(plaintext)
			.run("encrypt", "-r", "alice.pub.pem", "--chunk-size", "65536", "--name", "piped.bin", "-o", "p.zip", "-");
		assertThat(encrypted.exitCode()).as(encrypted.toString()).isEqualTo(0);

		CliRun.Result inspected = this.cli.run("inspect", "p.zip");
		assertThat(inspected.out()).contains("unknown");

		CliRun.Result decrypted = this.cli.run("decrypt", "-i", "alice.pem", "p.zip");
		assertThat(decrypted.exitCode()).as(decrypted.toString()).isEqualTo(0);
		assertThat(this.cli.path("piped.bin")).hasBinaryContent(plaintext);
	}

	@Test
	void refusesToEncryptOverTheInputEvenWithForce() throws Exception {
		this.cli.write("a.txt", "precious".getBytes(StandardCharsets.UTF_8));

		CliRun.Result result = this.cli.run("encrypt", "-r", "alice.pub.pem", "-f", "-o", "a.txt", "a.txt");

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.USAGE.code());
		assertThat(this.cli.path("a.txt")).hasContent("precious");
	}

	@Test
	void refusesADirectoryAsInput() throws Exception {
		Files.createDirectory(this.cli.path("photos"));

		CliRun.Result result = this.cli.run("encrypt", "-r", "alice.pub.pem", "photos");

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.IO_ERROR.code());
		assertThat(result.err()).contains("photos: is a directory");
	}

	@Test
	void refusesStandardInputWithoutOutputOption() throws Exception {
		CliRun.Result result = this.cli.stdin(new byte[] { 1 }).run("encrypt", "-r", "alice.pub.pem", "-");

		assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE.code());
		assertThat(result.err()).contains("needs -o").contains("-o -");
	}

	@Test
	void writesTheArchiveToStandardOutputAndReadsItFromStandardInput() throws Exception {
		byte[] plaintext = randomBytes(70_000);
		this.cli.write("x.bin", plaintext);

		CliRun.Result encrypted = this.cli.run("encrypt", "-r", "alice.pub.pem", "-o", "-", "x.bin");
		assertThat(encrypted.exitCode()).as(encrypted.toString()).isEqualTo(0);
		assertThat(encrypted.stdout()).startsWith(0x50, 0x4b, 0x03, 0x04);

		CliRun.Result decrypted = this.cli.stdin(encrypted.stdout()).run("decrypt", "-i", "alice.pem", "-o", "-", "-");

		assertThat(decrypted.exitCode()).as(decrypted.toString()).isEqualTo(0);
		assertThat(decrypted.stdout()).isEqualTo(plaintext);
	}

	@Test
	void everyRecipientCanDecrypt() throws Exception {
		TestKeys.create(this.cli, "bob");
		TestKeys.create(this.cli, "carol");
		this.cli.write("memo.txt", "for all three".getBytes(StandardCharsets.UTF_8));

		CliRun.Result encrypted = this.cli.run("encrypt", "-r", "alice.pub.pem", "-r", "bob.pub.pem", "-r",
				"carol.pub.pem", "memo.txt");
		assertThat(encrypted.exitCode()).as(encrypted.toString()).isEqualTo(0);

		for (String key : new String[] { "alice", "bob", "carol" }) {
			CliRun.Result decrypted = this.cli.run("decrypt", "-i", key + ".pem", "-o", key + ".txt", "memo.txt.zip");
			assertThat(decrypted.exitCode()).as(decrypted.toString()).isEqualTo(0);
			assertThat(this.cli.path(key + ".txt")).hasContent("for all three");
		}
	}

	@Test
	void acceptsARecipientGivenAsJwk() throws Exception {
		Identity dave = Identity.generate();
		Files.writeString(this.cli.path("dave.jwk"), dave.recipient().toJwk());
		dave.writePrivate(this.cli.path("dave.pem"), null, false);
		this.cli.write("a.txt", "jwk".getBytes(StandardCharsets.UTF_8));

		assertThat(this.cli.run("encrypt", "-r", "dave.jwk", "a.txt").exitCode()).isEqualTo(0);

		assertThat(this.cli.run("decrypt", "-i", "dave.pem", "-o", "b.txt", "a.txt.zip").exitCode()).isEqualTo(0);
		assertThat(this.cli.path("b.txt")).hasContent("jwk");
	}

	@Test
	void triesEveryGivenIdentity() throws Exception {
		TestKeys.create(this.cli, "bob");
		this.cli.write("a.txt", "x".getBytes(StandardCharsets.UTF_8));
		assertThat(this.cli.run("encrypt", "-r", "bob.pub.pem", "a.txt").exitCode()).isEqualTo(0);

		CliRun.Result result = this.cli.run("decrypt", "-i", "alice.pem", "-i", "bob.pem", "-o", "b.txt", "a.txt.zip");

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(0);
	}

	@Test
	void decryptsWithAPassphraseProtectedKeyFromTheEnvironment() throws Exception {
		TestKeys.create(this.cli, "locked", "open sesame");
		this.cli.write("a.txt", "behind a passphrase".getBytes(StandardCharsets.UTF_8));
		assertThat(this.cli.run("encrypt", "-r", "locked.pub.pem", "a.txt").exitCode()).isEqualTo(0);

		CliRun.Result result = this.cli.env(Io.PASSPHRASE_ENV, "open sesame")
			.run("decrypt", "-i", "locked.pem", "-o", "b.txt", "a.txt.zip");

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(0);
		assertThat(this.cli.path("b.txt")).hasContent("behind a passphrase");
	}

	@Test
	void asksForThePassphraseOfAProtectedKeyOnTheTerminal() throws Exception {
		TestKeys.create(this.cli, "locked", "open sesame");
		this.cli.write("a.txt", "x".getBytes(StandardCharsets.UTF_8));
		assertThat(this.cli.run("encrypt", "-r", "locked.pub.pem", "a.txt").exitCode()).isEqualTo(0);
		CliRun.FakeTerminal terminal = this.cli.terminal("open sesame");

		CliRun.Result result = this.cli.run("decrypt", "-i", "locked.pem", "-o", "b.txt", "a.txt.zip");

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(0);
		assertThat(terminal.prompts).singleElement().asString().contains("locked.pem");
	}

	@Test
	void storesTheGivenNameAndDecryptsUnderIt() throws Exception {
		this.cli.write("tmp123", "named".getBytes(StandardCharsets.UTF_8));
		assertThat(this.cli.run("encrypt", "-r", "alice.pub.pem", "--name", "Quarterly report.txt", "-o", "q.zip",
				"tmp123").exitCode()).isEqualTo(0);

		assertThat(this.cli.run("decrypt", "-i", "alice.pem", "q.zip").exitCode()).isEqualTo(0);

		assertThat(this.cli.path("Quarterly report.txt")).hasContent("named");
	}

	@Test
	void neverDecryptsIntoAHiddenFileNamedByTheArchive() throws Exception {
		this.cli.write("payload", "export EVIL=1".getBytes(StandardCharsets.UTF_8));
		assertThat(this.cli.run("encrypt", "-r", "alice.pub.pem", "--name", ".bashrc", "-o", "x.zip", "payload")
			.exitCode()).isEqualTo(0);

		CliRun.Result result = this.cli.run("decrypt", "-i", "alice.pem", "x.zip");

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(0);
		assertThat(this.cli.path(".bashrc")).doesNotExist();
		assertThat(this.cli.path("_bashrc")).hasContent("export EVIL=1");
		assertThat(result.err()).contains("not a safe file name; using _bashrc");
	}

	@Test
	void doesNotWarnAboutTheStoredNameWhenTheOutputIsNamed() throws Exception {
		this.cli.write("payload", "x".getBytes(StandardCharsets.UTF_8));
		this.cli.run("encrypt", "-r", "alice.pub.pem", "--name", ".bashrc", "-o", "x.zip", "payload");

		CliRun.Result result = this.cli.run("decrypt", "-i", "alice.pem", "-o", "out.txt", "x.zip");

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(0);
		assertThat(result.err()).doesNotContain("warning");
	}

	@Test
	void replacesTerminalControlCharactersInTheStoredName() throws Exception {
		this.cli.write("payload", "x".getBytes(StandardCharsets.UTF_8));
		assertThat(this.cli.run("encrypt", "-r", "alice.pub.pem", "--name", "a\u001b]0;pwned\u0007b.txt", "-o", "x.zip",
				"payload").exitCode()).isEqualTo(0);

		CliRun.Result result = this.cli.run("decrypt", "-i", "alice.pem", "x.zip");

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(0);
		assertThat(this.cli.path("a_]0;pwned_b.txt")).exists();
		assertThat(result.err()).doesNotContain("\u001b").doesNotContain("\u0007");
	}

	@Test
	void decryptsIntoAGivenDirectoryUnderTheStoredName() throws Exception {
		this.cli.write("a.txt", "into a directory".getBytes(StandardCharsets.UTF_8));
		assertThat(this.cli.run("encrypt", "-r", "alice.pub.pem", "a.txt").exitCode()).isEqualTo(0);
		Files.createDirectory(this.cli.path("downloads"));

		assertThat(this.cli.run("decrypt", "-i", "alice.pem", "-o", "downloads", "a.txt.zip").exitCode()).isEqualTo(0);

		assertThat(this.cli.path("downloads/a.txt")).hasContent("into a directory");
	}

	@Test
	void quietPrintsNothingOnSuccess() throws Exception {
		this.cli.write("a.txt", "x".getBytes(StandardCharsets.UTF_8));

		CliRun.Result encrypted = this.cli.run("-q", "encrypt", "-r", "alice.pub.pem", "a.txt");
		CliRun.Result decrypted = this.cli.run("decrypt", "--quiet", "-i", "alice.pem", "-o", "b.txt", "a.txt.zip");

		assertThat(encrypted.exitCode()).isEqualTo(0);
		assertThat(decrypted.exitCode()).isEqualTo(0);
		assertThat(encrypted.out() + encrypted.err() + decrypted.out() + decrypted.err()).isEmpty();
	}

	@Test
	void verboseNamesTheKeyThatOpenedTheArchive() throws Exception {
		Identity alice = Identity.read(this.cli.path("alice.pem"), null);
		this.cli.write("a.txt", "x".getBytes(StandardCharsets.UTF_8));
		assertThat(this.cli.run("encrypt", "-r", "alice.pub.pem", "a.txt").exitCode()).isEqualTo(0);

		CliRun.Result result = this.cli.run("decrypt", "-v", "-i", "alice.pem", "-o", "b.txt", "a.txt.zip");

		assertThat(result.err()).contains(alice.fingerprint().toString());
	}

	@Test
	void deduplicatesARecipientGivenTwice() throws Exception {
		this.cli.write("a.txt", "x".getBytes(StandardCharsets.UTF_8));

		assertThat(this.cli.run("encrypt", "-r", "alice.pub.pem", "-r", "alice.pub.pem", "a.txt").exitCode())
			.isEqualTo(0);

		assertThat(this.cli.run("inspect", "a.txt.zip").out()).contains("recipients:      1");
	}

	static byte[] randomBytes(int length) {
		byte[] bytes = new byte[length];
		new Random(length).nextBytes(bytes);
		return bytes;
	}

	static String sha256(byte[] bytes) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
	}

}
