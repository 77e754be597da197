package dev.sealdrop.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import dev.sealdrop.format.trust.Certificates;
import dev.sealdrop.format.trust.LocalCertificateAuthority;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pinning the server's identity, refusing mismatches, and signing in and out against a real server. */
class ServerTrustAndLoginTests {

	@TempDir
	static Path dir;

	static TestServer server;

	@BeforeAll
	static void startServer() {
		server = TestServer.get();
	}

	@Test
	void serverKeyVerifiesAndShowsTheKeyWithoutPinning() throws Exception {
		ServerUser user = ServerUser.create(server, dir, "eve");

		CliRun.Result result = user.run("server-key", "--server", server.url());

		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(result.out()).contains("encryption key:  sha256:").contains("identity:        " + caFingerprint())
			.contains("pinned:          no");
		assertThat(user.configDir().resolve("known_servers")).doesNotExist();
	}

	@Test
	void trustPinsTheServersCaKeyOnFirstUse() throws Exception {
		ServerUser user = ServerUser.create(server, dir, "eve");

		CliRun.Result result = user.run("server-key", "--trust", "--server", server.url());

		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(result.err()).contains("NOTICE").contains("trusting it on first use").contains(caFingerprint());
		assertThat(Files.readString(user.configDir().resolve("known_servers")))
			.contains(server.url() + " " + caFingerprint() + " sha256:");
	}

	@Test
	void loginPinsOnFirstUseWithALoudNoticeAndSavesOnlyAToken() throws Exception {
		ServerUser user = ServerUser.create(server, dir, "eve");

		CliRun.Result result = user.run("login", "--server", server.url(), "--user", user.name);

		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(result.err()).contains("NOTICE").contains(caFingerprint());
		String config = Files.readString(user.configDir().resolve("config.json"));
		assertThat(config).contains("\"token\" : \"sdt_").doesNotContain(user.password);
		assertThat(Files.getPosixFilePermissions(user.configDir().resolve("config.json")))
			.containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
					java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
	}

	@Test
	void aCaFromTheOperatorIsPinnedAndUsedByLaterCommands() throws Exception {
		ServerUser user = ServerUser.create(server, dir, "eve");
		Files.writeString(user.file("ca.pem"), get("/api/v1/server-key/ca.pem").body());

		CliRun.Result pin = user.run("server-key", "--ca", "ca.pem", "--server", server.url());
		CliRun.Result login = user.run("login", "--server", server.url(), "--user", user.name);
		CliRun.Result ls = user.run("ls");

		assertThat(pin.exitCode()).as(pin.toString()).isZero();
		assertThat(Files.readString(user.configDir().resolve("known_servers"))).contains(caFingerprint()).endsWith(" ca\n");
		assertThat(login.exitCode()).as(login.toString()).isZero();
		assertThat(login.err()).doesNotContain("first use");
		assertThat(ls.exitCode()).as(ls.toString()).isZero();
	}

	@Test
	void aCaThatDidNotIssueTheServersCertificateIsRefused() throws Exception {
		ServerUser user = ServerUser.create(server, dir, "eve");
		LocalCertificateAuthority other = LocalCertificateAuthority.generate(Clock.systemUTC());
		Files.writeString(user.file("other-ca.pem"), Certificates.toPem(other.certificate()));

		CliRun.Result result = user.run("server-key", "--ca", "other-ca.pem", "--server", server.url());

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.SERVER_NOT_TRUSTED.code());
		assertThat(result.err()).contains("UNTRUSTED_CHAIN");
		assertThat(user.configDir().resolve("known_servers")).doesNotExist();
	}

	@Test
	void aChangedServerIdentityStopsEveryCommandWithBothFingerprints() throws Exception {
		ServerUser user = ServerUser.create(server, dir, "eve").loginAndRegister(server.url());
		Files.writeString(user.file("x.txt"), "x");
		Path knownServers = user.configDir().resolve("known_servers");
		String forged = "sha256:" + "ab".repeat(32);
		Files.writeString(knownServers, Files.readString(knownServers).replace(caFingerprint(), forged));
		long before = server.fileCount(user.name, user.password);
		String token = Files.readString(user.configDir().resolve("config.json")).replaceAll("(?s).*\"(sdt_[^\"]*)\".*", "$1");

		for (String[] command : new String[][] { { "upload", "x.txt" }, { "ls" }, { "download", "some-id" },
				{ "clients" }, { "login" }, { "logout" } }) {
			CliRun.Result result = user.run(command);

			assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.SERVER_NOT_TRUSTED.code());
			assertThat(result.err()).contains("SERVER IDENTITY CHANGED").contains("pinned " + forged)
				.contains("server presented " + caFingerprint()).contains("sealdrop server-key --trust");
		}
		assertThat(server.fileCount(user.name, user.password)).isEqualTo(before);
		// logout forgot the token before it failed, and sent it nowhere: it was not revoked either
		assertThat(Files.readString(user.configDir().resolve("config.json"))).doesNotContain("token");
		assertThat(me(token)).isEqualTo(200);
	}

	@Test
	void aChangedEncryptionKeyOfAFirstUsePinIsAMismatch() throws Exception {
		ServerUser user = ServerUser.create(server, dir, "eve").loginAndRegister(server.url());
		Path knownServers = user.configDir().resolve("known_servers");
		String line = Files.readAllLines(knownServers).stream().filter((l) -> l.startsWith("http")).findFirst().get();
		String key = line.split(" ")[2];
		Files.writeString(knownServers, Files.readString(knownServers).replace(key, "sha256:" + "cd".repeat(32)));

		CliRun.Result result = user.run("ls");

		assertThat(result.exitCode()).isEqualTo(ExitCode.SERVER_NOT_TRUSTED.code());
		assertThat(result.err()).contains("encryption key").contains(key);
	}

	@Test
	void aServerNotInKnownServersIsRefusedWithAHint() throws Exception {
		ServerUser user = ServerUser.create(server, dir, "eve").loginAndRegister(server.url());
		Files.delete(user.configDir().resolve("known_servers"));

		CliRun.Result result = user.run("ls");

		assertThat(result.exitCode()).isEqualTo(ExitCode.NOT_SET_UP.code());
		assertThat(result.err()).contains("not in known_servers").contains("hint: check and pin its identity first: sealdrop server-key --trust");
	}

	@Test
	void withoutAUserNameLoginSignsInAsTheLocalUser() throws Exception {
		ServerUser user = ServerUser.create(server, dir, "eve");
		String local = System.getProperty("user.name");

		CliRun.Result result = user.cli().env(ServerCommand.PASSWORD_ENV, "not-the-password")
			.run("login", "--server", server.url());

		// the test server knows no such user, so the sign-in fails, naming who it tried
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.AUTHENTICATION_FAILED.code());
		assertThat(result.err()).contains("wrong user name or password for " + local + " at ");
	}

	@Test
	void aWrongPasswordIsAnAuthenticationFailureAndSavesNothing() throws Exception {
		ServerUser user = ServerUser.create(server, dir, "eve");

		CliRun.Result result = user.cli().env(ServerCommand.PASSWORD_ENV, "not-the-password")
			.run("login", "--server", server.url(), "--user", user.name);

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.AUTHENTICATION_FAILED.code());
		assertThat(result.err()).contains("\nsealdrop: login: wrong user name or password for " + user.name)
			.doesNotContain("not-the-password");
		assertThat(user.configDir().resolve("config.json")).doesNotExist();
	}

	@Test
	void thePasswordIsAskedOnTheTerminalWithoutEcho() throws Exception {
		ServerUser user = ServerUser.create(server, dir, "eve");
		CliRun cli = new CliRun(user.work).env("XDG_CONFIG_HOME", user.home.toString());
		CliRun.FakeTerminal terminal = cli.terminal(user.password);

		CliRun.Result result = cli.run("login", "--server", server.url(), "--user", user.name);

		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(terminal.prompts).containsExactly("Password for " + user.name + " at " + server.url() + ": ");
	}

	@Test
	void commandsNeedALogin() {
		CliRun.Result result = new CliRun(dir).env("XDG_CONFIG_HOME", dir.resolve("nobody").toString()).run("ls");

		assertThat(result.exitCode()).isEqualTo(ExitCode.NOT_SET_UP.code());
		assertThat(result.err()).isEqualTo("sealdrop: ls: not logged in\nhint: log in first: sealdrop login --server URL --user NAME\n");
	}

	@Test
	void downloadNeedsARegisteredClient() throws Exception {
		ServerUser user = ServerUser.create(server, dir, "eve");
		assertThat(user.run("login", "--server", server.url(), "--user", user.name).exitCode()).isZero();

		CliRun.Result result = user.run("download", "some-id");

		assertThat(result.exitCode()).isEqualTo(ExitCode.NOT_SET_UP.code());
		assertThat(result.err()).contains("hint: register it first: sealdrop register");
	}

	@Test
	void logoutRevokesTheTokenOnTheServerAndForgetsIt() throws Exception {
		ServerUser user = ServerUser.create(server, dir, "eve").loginAndRegister(server.url());
		String token = Files.readString(user.configDir().resolve("config.json")).replaceAll("(?s).*\"(sdt_[^\"]*)\".*", "$1");
		assertThat(me(token)).isEqualTo(200);

		CliRun.Result logout = user.run("logout");
		CliRun.Result ls = user.run("ls");

		assertThat(logout.exitCode()).as(logout.toString()).isZero();
		assertThat(logout.err()).contains("revoked");
		assertThat(Files.readString(user.configDir().resolve("config.json"))).doesNotContain("token").contains("clientId");
		assertThat(ls.exitCode()).isEqualTo(ExitCode.NOT_SET_UP.code());
		assertThat(me(token)).isEqualTo(401);
	}

	private static int me(String token) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(server.url() + "/api/v1/users/me"))
				.header("Authorization", "Bearer " + token)
				.build(), HttpResponse.BodyHandlers.discarding())
			.statusCode();
	}

	@Test
	void aTokenTheServerNoLongerAcceptsIsAnAuthenticationFailure() throws Exception {
		ServerUser user = ServerUser.create(server, dir, "eve").loginAndRegister(server.url());
		Path config = user.configDir().resolve("config.json");
		Files.writeString(config, Files.readString(config).replaceAll("\"sdt_[^\"]*\"", "\"sdt_revoked0000000000000000\""));

		CliRun.Result result = user.run("ls");

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.AUTHENTICATION_FAILED.code());
		assertThat(result.err()).contains("hint: ").contains("sealdrop login");
	}

	@Test
	void loginWithAnExistingTokenLearnsTheUserName() throws Exception {
		ServerUser first = ServerUser.create(server, dir, "eve").loginAndRegister(server.url());
		String token = Files.readString(first.configDir().resolve("config.json")).replaceAll("(?s).*\"(sdt_[^\"]*)\".*", "$1");
		ServerUser second = ServerUser.create(server, dir, "eve");

		CliRun.Result result = new CliRun(second.work).env("XDG_CONFIG_HOME", second.home.toString())
			.env(ServerCommand.TOKEN_ENV, token)
			.run("login", "--server", server.url(), "--token");

		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(result.err()).contains("as " + first.name);
	}

	@Test
	void aKeyRotationIsFollowedByCaPinsAndStopsFirstUsePinsUntilTrustedAgain() throws Exception {
		ServerUser caPinned = ServerUser.create(server, dir, "eve");
		Files.writeString(caPinned.file("ca.pem"), get("/api/v1/server-key/ca.pem").body());
		assertThat(caPinned.run("login", "--server", server.url(), "--user", caPinned.name, "--ca", "ca.pem").exitCode())
			.isZero();
		ServerUser firstUse = ServerUser.create(server, dir, "eve").loginAndRegister(server.url());

		HttpResponse<String> rotated = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(server.url() + "/api/v1/admin/server-key/rotate"))
				.header("Authorization", TestServer.basic(TestServer.ADMIN, TestServer.ADMIN_PASSWORD))
				.POST(HttpRequest.BodyPublishers.noBody())
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
		String newKey = rotated.body().replaceAll("(?s)^.*?\"fingerprint\":\"(sha256:[0-9a-f]{64})\".*", "$1");

		CliRun.Result followed = caPinned.run("ls");
		assertThat(followed.exitCode()).as(followed.toString()).isZero();
		assertThat(followed.err()).contains("encryption key of " + server.url() + " changed").contains(newKey);
		assertThat(Files.readString(caPinned.configDir().resolve("known_servers"))).contains(newKey + " ca");

		CliRun.Result stopped = firstUse.run("ls");
		assertThat(stopped.exitCode()).isEqualTo(ExitCode.SERVER_NOT_TRUSTED.code());
		assertThat(stopped.err()).contains("encryption key").contains(newKey);
		assertThat(firstUse.run("server-key", "--trust").exitCode()).isZero();
		assertThat(firstUse.run("ls").exitCode()).isZero();
	}

	/** The key fingerprint the server announces for its CA (X-Sealdrop-CA-Fingerprint). */
	private static String caFingerprint() throws Exception {
		return get("/api/v1/server-key/ca.pem").headers().firstValue("X-Sealdrop-CA-Fingerprint").orElseThrow();
	}

	private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(server.url() + path)).build(),
					HttpResponse.BodyHandlers.ofString(StandardCharsets.US_ASCII));
	}

}
