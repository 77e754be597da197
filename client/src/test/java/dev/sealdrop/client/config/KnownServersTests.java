package dev.sealdrop.client.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.sealdrop.client.config.KnownServers.Verdict;

class KnownServersTests {

	private static final ServerUrl SERVER = ServerUrl.parse("https://files.example.com");

	private static final String CERT = "sha256:" + "a".repeat(64);

	private static final String OTHER_CERT = "sha256:" + "b".repeat(64);

	private static final String CA = "sha256:" + "c".repeat(64);

	private static final String KEY = "sha256:" + "d".repeat(64);

	private static final String NEW_KEY = "sha256:" + "e".repeat(64);

	@TempDir
	Path dir;

	private Path file() {
		return dir.resolve("sealdrop/known_servers");
	}

	@Test
	void aServerNotYetPinnedIsUnknown() throws Exception {
		assertThat(KnownServers.load(file()).check(SERVER, CERT, CA, KEY)).isEqualTo(Verdict.UNKNOWN);
	}

	@Test
	void pinsOnFirstUseAndMatchesLater() throws Exception {
		KnownServers known = KnownServers.load(file());
		known.pin(new KnownServer(SERVER, CERT, KEY, KnownServer.Kind.CERTIFICATE));
		known.save();

		KnownServers reloaded = KnownServers.load(file());
		assertThat(reloaded.check(SERVER, CERT, CA, KEY)).isEqualTo(Verdict.MATCH);
		assertThat(reloaded.check(ServerUrl.parse("HTTPS://files.example.com:443/"), CERT, CA, KEY)).isEqualTo(Verdict.MATCH);
		assertThat(Files.readString(file())).endsWith("https://files.example.com " + CERT + " " + KEY + "\n");
	}

	@Test
	void writesTheFile0600() throws IOException {
		KnownServers known = KnownServers.load(file());
		known.pin(new KnownServer(SERVER, CERT, KEY, KnownServer.Kind.CERTIFICATE));
		known.save();

		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file()))).isEqualTo("rw-------");
	}

	@Test
	void aFileOthersCanWriteIsRefusedButOneTheyCanOnlyReadIsNot() throws Exception {
		KnownServers known = KnownServers.load(file());
		known.pin(new KnownServer(SERVER, CERT, KEY, KnownServer.Kind.CERTIFICATE));
		known.save();

		Files.setPosixFilePermissions(file(), PosixFilePermissions.fromString("rw-r--r--"));
		assertThat(KnownServers.load(file()).check(SERVER, CERT, CA, KEY)).isEqualTo(Verdict.MATCH);

		Files.setPosixFilePermissions(file(), PosixFilePermissions.fromString("rw-rw-rw-"));
		assertThatThrownBy(() -> KnownServers.load(file())).isInstanceOf(ConfigException.class)
			.hasMessageContaining("writable by other users");
	}

	@Test
	void aDifferentCertificateIsAMismatchCarryingBothFingerprints() throws Exception {
		KnownServers known = pinned(new KnownServer(SERVER, CERT, KEY, KnownServer.Kind.CERTIFICATE));

		assertThatThrownBy(() -> known.check(SERVER, OTHER_CERT, CA, KEY)).isInstanceOfSatisfying(PinMismatchException.class, ex -> {
			assertThat(ex.what()).isEqualTo("certificate");
			assertThat(ex.pinned()).isEqualTo(CERT);
			assertThat(ex.presented()).isEqualTo(OTHER_CERT);
			assertThat(ex.server()).isEqualTo(SERVER);
			assertThat(ex.getMessage()).contains(CERT).contains(OTHER_CERT);
		});
	}

	@Test
	void aDifferentKeyUnderAPinnedCertificateIsAMismatch() throws Exception {
		KnownServers known = pinned(new KnownServer(SERVER, CERT, KEY, KnownServer.Kind.CERTIFICATE));

		assertThatThrownBy(() -> known.check(SERVER, CERT, CA, NEW_KEY)).isInstanceOfSatisfying(PinMismatchException.class,
				ex -> assertThat(ex.what()).isEqualTo("encryption key"));
	}

	@Test
	void aPinnedCaAcceptsANewCertificateAndReportsAKeyRotation() throws Exception {
		KnownServers known = pinned(new KnownServer(SERVER, CA, KEY, KnownServer.Kind.CA));

		assertThat(known.check(SERVER, OTHER_CERT, CA, KEY)).isEqualTo(Verdict.MATCH);
		assertThat(known.check(SERVER, OTHER_CERT, CA, NEW_KEY)).isEqualTo(Verdict.KEY_ROTATED);
	}

	@Test
	void aPinnedCaRejectsAnotherCa() throws Exception {
		KnownServers known = pinned(new KnownServer(SERVER, CA, KEY, KnownServer.Kind.CA));

		assertThatThrownBy(() -> known.check(SERVER, CERT, OTHER_CERT, KEY)).isInstanceOfSatisfying(PinMismatchException.class,
				ex -> assertThat(ex.what()).isEqualTo("CA"));
	}

	@Test
	void caPinsSurviveSaving() throws IOException {
		pinned(new KnownServer(SERVER, CA, KEY, KnownServer.Kind.CA));

		assertThat(KnownServers.load(file()).lookup(SERVER)).contains(new KnownServer(SERVER, CA, KEY, KnownServer.Kind.CA));
		assertThat(Files.readString(file())).contains(" ca\n");
	}

	@Test
	void pinningTwiceIsRefusedButReplacingIsExplicit() throws IOException {
		KnownServers known = pinned(new KnownServer(SERVER, CERT, KEY, KnownServer.Kind.CERTIFICATE));

		assertThatThrownBy(() -> known.pin(new KnownServer(SERVER, OTHER_CERT, KEY, KnownServer.Kind.CERTIFICATE)))
			.isInstanceOf(IllegalStateException.class);
		known.replace(new KnownServer(SERVER, OTHER_CERT, NEW_KEY, KnownServer.Kind.CERTIFICATE));
		assertThat(known.lookup(SERVER).orElseThrow().identity()).isEqualTo(OTHER_CERT);
		assertThat(known.remove(SERVER)).isTrue();
		assertThat(known.entries()).isEmpty();
	}

	@Test
	void acceptsCommentsAndBlankLines() throws IOException {
		write("# pins\n\nhttps://files.example.com " + CERT + " " + KEY + "\n# end\n");

		assertThat(KnownServers.load(file()).entries()).hasSize(1);
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://files.example.com sha256:Aaaa $D", "https://files.example.com sha256:abc $D",
			"https://files.example.com sha1:aaaa $D", "https://files.example.com\t$A $D", "https://files.example.com  $A $D",
			"https://files.example.com $A", "https://files.example.com $A $D CA", "https://files.example.com $A $D ca extra",
			"https://files.example.com/ $A $D", "ftp://files.example.com $A $D", " https://files.example.com $A $D",
			"https://files.example.com $A $D\u0000", "https://files.example.com $A sha256:" })
	void rejectsMalformedLines(String template) throws IOException {
		String line = template.replace("$A", CERT).replace("$D", KEY).replace("Aaaa", "A" + "a".repeat(63));
		write("# header\n" + line + "\n");

		assertThatThrownBy(() -> KnownServers.load(file())).isInstanceOf(ConfigException.class).hasMessageContaining("line 2");
	}

	@Test
	void rejectsAServerListedTwice() throws IOException {
		String line = "https://files.example.com " + CERT + " " + KEY + "\n";
		write(line + line);

		assertThatThrownBy(() -> KnownServers.load(file())).isInstanceOf(ConfigException.class).hasMessageContaining("listed twice");
	}

	@Test
	void rejectsNonAsciiBytes() throws IOException {
		Files.createDirectories(file().getParent());
		Files.write(file(), new byte[] { 'h', (byte) 0xc3, (byte) 0xa4, '\n' });

		assertThatThrownBy(() -> KnownServers.load(file())).isInstanceOf(ConfigException.class).hasMessageContaining("non-ASCII");
	}

	@Test
	void fingerprintsDer() {
		assertThat(KnownServer.fingerprint(new byte[0]))
			.isEqualTo("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	}

	private KnownServers pinned(KnownServer server) throws IOException {
		KnownServers known = KnownServers.load(file());
		known.pin(server);
		known.save();
		return known;
	}

	private void write(String text) throws IOException {
		PrivateFiles.writeAtomically(file(), text.getBytes(StandardCharsets.UTF_8));
	}

}
