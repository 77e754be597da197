package dev.sealdrop.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import dev.sealdrop.format.Identity;
import dev.sealdrop.format.Recipient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeygenCommandTests {

	@TempDir
	Path dir;

	@Test
	void writesPrivateKeyOwnerOnlyAndPublicKeyBesideItAndPrintsFingerprint() throws Exception {
		CliRun cli = new CliRun(this.dir);

		CliRun.Result result = cli.run("keygen", "-o", "alice.pem");

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(0);
		Path privateKey = cli.path("alice.pem");
		Path publicKey = cli.path("alice.pub.pem");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(privateKey))).isEqualTo("rw-------");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(publicKey))).isEqualTo("rw-r--r--");
		assertThat(Files.readString(privateKey)).startsWith("-----BEGIN PRIVATE KEY-----");
		Identity identity = Identity.read(privateKey, null);
		Recipient recipient = Recipient.parse(Files.readString(publicKey));
		assertThat(recipient.fingerprint()).isEqualTo(identity.fingerprint());
		assertThat(result.out().strip()).isEqualTo(identity.fingerprint().toString());
		assertThat(cli.files()).containsExactly("alice.pem", "alice.pub.pem");
	}

	@Test
	void defaultsToSealdropKeyPemInTheWorkingDirectory() throws Exception {
		CliRun cli = new CliRun(this.dir);

		CliRun.Result result = cli.run("keygen");

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(0);
		assertThat(cli.files()).containsExactly("sealdrop-key.pem", "sealdrop-key.pub.pem");
	}

	@Test
	void namesThePublicKeyWithPubPemWhenThePrivateKeyNameHasNoPemSuffix() throws Exception {
		CliRun cli = new CliRun(this.dir);

		assertThat(cli.run("keygen", "-o", "mykey").exitCode()).isEqualTo(0);

		assertThat(cli.files()).containsExactly("mykey", "mykey.pub.pem");
	}

	@Test
	void refusesToOverwriteAnExistingPrivateKeyWithoutForce() throws Exception {
		CliRun cli = new CliRun(this.dir);
		cli.write("alice.pem", "precious".getBytes(StandardCharsets.US_ASCII));

		CliRun.Result result = cli.run("keygen", "-o", "alice.pem");

		assertThat(result.exitCode()).isEqualTo(ExitCode.OUTPUT_EXISTS.code());
		assertThat(result.err()).contains("sealdrop: keygen: alice.pem: already exists").contains("--force");
		assertThat(Files.readString(cli.path("alice.pem"))).isEqualTo("precious");
		assertThat(cli.files()).containsExactly("alice.pem");
	}

	@Test
	void refusesWhenOnlyThePublicKeyExists() throws Exception {
		CliRun cli = new CliRun(this.dir);
		cli.write("alice.pub.pem", "someone else's".getBytes(StandardCharsets.US_ASCII));

		CliRun.Result result = cli.run("keygen", "-o", "alice.pem");

		assertThat(result.exitCode()).isEqualTo(ExitCode.OUTPUT_EXISTS.code());
		assertThat(cli.files()).containsExactly("alice.pub.pem");
	}

	@Test
	void overwritesWithForce() throws Exception {
		CliRun cli = new CliRun(this.dir);
		cli.write("alice.pem", "old".getBytes(StandardCharsets.US_ASCII));
		cli.write("alice.pub.pem", "old".getBytes(StandardCharsets.US_ASCII));

		CliRun.Result result = cli.run("keygen", "-o", "alice.pem", "--force");

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(0);
		assertThat(Identity.read(cli.path("alice.pem"), null).fingerprint().toString())
			.isEqualTo(result.out().strip());
	}

	@Test
	void encryptsThePrivateKeyWithThePassphraseFromTheEnvironment() throws Exception {
		CliRun cli = new CliRun(this.dir).env(Io.PASSPHRASE_ENV, "correct horse battery staple");

		CliRun.Result result = cli.run("keygen", "-o", "alice.pem", "--passphrase");

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(0);
		String pem = Files.readString(cli.path("alice.pem"));
		assertThat(pem).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");
		assertThat(Identity.fromPem(pem, "correct horse battery staple".toCharArray()).fingerprint().toString())
			.isEqualTo(result.out().strip());
	}

	@Test
	void asksForThePassphraseTwiceOnTheTerminal() throws Exception {
		CliRun cli = new CliRun(this.dir);
		CliRun.FakeTerminal terminal = cli.terminal("s3cret passphrase", "s3cret passphrase");

		CliRun.Result result = cli.run("keygen", "-o", "alice.pem", "--passphrase");

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(0);
		assertThat(terminal.prompts).hasSize(2);
		assertThat(Identity.fromPem(Files.readString(cli.path("alice.pem")), "s3cret passphrase".toCharArray()))
			.isNotNull();
		assertThat(result.out() + result.err()).doesNotContain("s3cret");
	}

	@Test
	void refusesPassphrasesThatDoNotMatchAndWritesNothing() throws Exception {
		CliRun cli = new CliRun(this.dir);
		cli.terminal("one passphrase", "another passphrase");

		CliRun.Result result = cli.run("keygen", "-o", "alice.pem", "--passphrase");

		assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE.code());
		assertThat(result.err()).contains("do not match").doesNotContain("passphrase\n");
		assertThat(cli.files()).isEmpty();
	}

	@Test
	void refusesAnEmptyPassphrase() throws Exception {
		CliRun cli = new CliRun(this.dir);
		cli.terminal("", "");

		CliRun.Result result = cli.run("keygen", "--passphrase");

		assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE.code());
		assertThat(result.err()).contains("no passphrase entered");
		assertThat(cli.files()).isEmpty();
	}

	@Test
	void refusesAnEmptyPassphraseFromTheEnvironment() throws Exception {
		CliRun cli = new CliRun(this.dir).env(Io.PASSPHRASE_ENV, "");

		CliRun.Result result = cli.run("keygen", "--passphrase");

		assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE.code());
		assertThat(result.err()).contains("SEALDROP_PASSPHRASE is set but empty");
		assertThat(cli.files()).isEmpty();
	}

	@Test
	void failsWithAHintWhenAPassphraseIsWantedButThereIsNoTerminalOrEnvironmentVariable() throws Exception {
		CliRun cli = new CliRun(this.dir);

		CliRun.Result result = cli.run("keygen", "--passphrase");

		assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE.code());
		assertThat(result.err()).contains("no terminal").contains("SEALDROP_PASSPHRASE");
		assertThat(cli.files()).isEmpty();
	}

	@Test
	void writesAnUnprotectedKeyWithoutAskingWhenNoPassphraseIsRequested() throws Exception {
		CliRun cli = new CliRun(this.dir).env(Io.PASSPHRASE_ENV, "ignored unless --passphrase");
		CliRun.FakeTerminal terminal = cli.terminal();

		assertThat(cli.run("keygen").exitCode()).isEqualTo(0);

		assertThat(terminal.prompts).isEmpty();
		assertThat(Files.readString(cli.path("sealdrop-key.pem"))).startsWith("-----BEGIN PRIVATE KEY-----");
	}

}
