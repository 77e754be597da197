package dev.sealdrop.server.keys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sealdrop.format.Identity;
import dev.sealdrop.server.MutableClock;
import dev.sealdrop.server.problem.ApiException;
import dev.sealdrop.server.problem.ProblemType;
import dev.sealdrop.server.storage.DatabaseDurability;
import dev.sealdrop.server.storage.StoragePaths;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

/** The key ring against an in-memory table and a clock the test moves. */
class ServerKeyRingTests {

	private static final Duration GRACE = Duration.ofDays(30);

	@TempDir
	Path dataDir;

	private final InMemoryRepository repository = new InMemoryRepository();

	private MutableClock clock;

	private StoragePaths paths;

	@BeforeEach
	void setUp() throws IOException {
		this.clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
		Path keys = Files.createDirectories(this.dataDir.resolve("keys"));
		this.paths = new StoragePaths(this.dataDir, keys, this.dataDir.resolve("blobs"), this.dataDir.resolve("tmp"),
				this.dataDir.resolve("tmp/spool"), this.dataDir.resolve("tmp/multipart"));
	}

	@Test
	void firstStartGeneratesAKeyFileAndRow() throws IOException {
		ServerKeyRing ring = start(properties(null, null));
		String kid = ring.current().kid();
		Path file = this.paths.keys().resolve("server-" + kid + ".pem");
		assertThat(file).exists();
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		assertThat(this.repository.rows).singleElement().satisfies(row -> {
			assertThat(row.status()).isEqualTo("current");
			assertThat(row.source()).isEqualTo("generated");
			assertThat(row.fingerprint()).isEqualTo(ring.current().identity().fingerprint().toString());
		});
		assertThat(ring.uploadIdentities()).hasSize(1);
	}

	@Test
	void restartLoadsTheSameKey() throws IOException {
		String kid = start(properties(null, null)).current().kid();
		ServerKeyRing again = start(properties(null, null));
		assertThat(again.current().kid()).isEqualTo(kid);
		assertThat(this.repository.rows).hasSize(1);
	}

	@Test
	void rotatedKeyOpensUploadsUntilItsGraceEnds() throws IOException {
		ServerKeyRing ring = start(properties(null, null));
		Identity old = ring.current().identity();
		this.clock.advance(Duration.ofDays(1));
		ring.rotate();
		assertThat(ring.current().identity().fingerprint()).isNotEqualTo(old.fingerprint());
		assertThat(ring.uploadIdentities()).extracting(Identity::fingerprint).contains(old.fingerprint());
		assertThat(ring.retiredWithinGrace()).singleElement()
			.satisfies(k -> assertThat(ring.unwrapUntil(k)).isEqualTo(Instant.parse("2026-01-02T00:00:00Z").plus(GRACE)));

		this.clock.advance(GRACE.minusSeconds(1));
		assertThat(ring.uploadIdentities()).hasSize(2);
		assertThat(ring.retiredPastGrace(List.of(old.fingerprint().toString()))).isEmpty();

		this.clock.advance(Duration.ofSeconds(1));
		assertThat(ring.uploadIdentities()).extracting(Identity::fingerprint).doesNotContain(old.fingerprint());
		assertThat(ring.retiredWithinGrace()).isEmpty();
		assertThat(ring.retiredPastGrace(List.of(old.fingerprint().toString()))).isPresent();
	}

	@Test
	void privateKeyOfARetiredKeyIsDeletedOnceItsGraceEnds() throws IOException {
		ServerKeyRing ring = start(properties(null, null));
		String old = ring.current().kid();
		Path oldFile = this.paths.keys().resolve("server-" + old + ".pem");
		ring.rotate();
		ring.destroyExpired();
		assertThat(oldFile).as("within grace").exists();

		this.clock.advance(GRACE);
		ring.destroyExpired();
		assertThat(oldFile).doesNotExist();
		assertThat(ring.uploadIdentities()).hasSize(1);
		assertThat(this.paths.keys().resolve("server-" + ring.current().kid() + ".pem")).exists();

		// the row stays, so uploads made for it are still recognised as retired-key
		ServerKeyRing again = start(properties(null, null));
		assertThat(again.retiredPastGrace(List.of(this.repository.rows.stream()
			.filter(r -> r.kid().equals(old)).findFirst().orElseThrow().fingerprint()))).isPresent();
	}

	@Test
	void restartAfterTheGraceDeletesTheRetiredPrivateKey() throws IOException {
		ServerKeyRing ring = start(properties(null, null));
		String old = ring.current().kid();
		ring.rotate();
		this.clock.advance(GRACE.plusDays(1));
		start(properties(null, null));
		assertThat(this.paths.keys().resolve("server-" + old + ".pem")).doesNotExist();
	}

	@Test
	void retiredKeysSurviveARestart() throws IOException {
		ServerKeyRing ring = start(properties(null, null));
		String old = ring.current().kid();
		ring.rotate();
		ServerKeyRing again = start(properties(null, null));
		assertThat(again.current().kid()).isEqualTo(ring.current().kid());
		assertThat(again.retiredWithinGrace()).extracting(ServerKeyRing.ServerKey::kid).containsExactly(old);
		assertThat(again.uploadIdentities()).hasSize(2);
	}

	@Test
	void aRetiredKeyWhosePrivateKeyIsGoneIsNotOfferedAsRetired() throws IOException {
		ServerKeyRing ring = start(properties(null, null));
		String old = ring.current().kid();
		ring.rotate();
		Files.delete(this.paths.keys().resolve("server-" + old + ".pem"));
		ServerKeyRing again = start(properties(null, null));
		assertThat(again.retiredWithinGrace()).isEmpty();
		assertThat(again.uploadIdentities()).hasSize(1);
	}

	@Test
	void missingCurrentKeyFileStopsTheStart() throws IOException {
		String kid = start(properties(null, null)).current().kid();
		Files.delete(this.paths.keys().resolve("server-" + kid + ".pem"));
		assertThatThrownBy(() -> start(properties(null, null))).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining(kid);
	}

	@Test
	void configuredPemKeyIsCurrentAndCannotBeRotatedHere() throws IOException {
		Identity configured = Identity.generate();
		Path pem = this.dataDir.resolve("server.pem");
		configured.writePrivate(pem, null, false);
		ServerKeyRing ring = start(properties(pem, null));
		assertThat(ring.current().identity().fingerprint()).isEqualTo(configured.fingerprint());
		assertThat(this.repository.rows).singleElement().satisfies(r -> assertThat(r.source()).isEqualTo("configured"));
		assertThatThrownBy(ring::rotate).isInstanceOf(ApiException.class)
			.satisfies(ex -> assertThat(((ApiException) ex).type()).isEqualTo(ProblemType.CONFLICT));
	}

	@Test
	void switchingToAConfiguredKeyRetiresTheGeneratedOne() throws IOException {
		ServerKeyRing generated = start(properties(null, null));
		Identity configured = Identity.generate();
		Path pem = this.dataDir.resolve("server.pem");
		configured.writePrivate(pem, null, false);
		ServerKeyRing ring = start(properties(pem, null));
		assertThat(ring.current().identity().fingerprint()).isEqualTo(configured.fingerprint());
		assertThat(ring.retiredWithinGrace()).extracting(ServerKeyRing.ServerKey::kid)
			.containsExactly(generated.current().kid());
		assertThat(ring.uploadIdentities()).hasSize(2);
	}

	@Test
	void encryptedPemNeedsItsPassphrase() throws IOException {
		Identity configured = Identity.generate();
		Path pem = this.dataDir.resolve("server.pem");
		configured.writePrivate(pem, "pass phrase".toCharArray(), false);
		ServerKeyRing ring = start(new ServerKeyProperties(pem, "pass phrase", null, null, null, GRACE));
		assertThat(ring.current().identity().fingerprint()).isEqualTo(configured.fingerprint());
	}

	@Test
	void pkcs12KeyIsLoaded() throws Exception {
		// a PKCS#12 store made by keytool-like code needs a certificate; self-signed with the JDK's tool
		Path p12 = this.dataDir.resolve("server.p12");
		Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
				"-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp384r1", "-dname", "CN=test",
				"-validity", "1", "-storetype", "PKCS12", "-keystore", p12.toString(), "-storepass", "changeit",
				"-keypass", "changeit")
			.redirectErrorStream(true)
			.start();
		keytool.getInputStream().readAllBytes();
		assertThat(keytool.waitFor()).isZero();
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (var in = Files.newInputStream(p12)) {
			store.load(in, "changeit".toCharArray());
		}
		Certificate certificate = store.getCertificate("server");
		ServerKeyRing ring = start(new ServerKeyProperties(null, null, p12, "changeit", null, GRACE));
		assertThat(ring.current().identity().recipient().publicKey().getW())
			.isEqualTo(((java.security.interfaces.ECPublicKey) certificate.getPublicKey()).getW());
	}

	@Test
	void pemAndPkcs12TogetherAreRejected() {
		assertThatThrownBy(() -> properties(this.dataDir.resolve("a"), this.dataDir.resolve("b")))
			.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void propertiesNeverPrintSecrets() {
		ServerKeyProperties properties = new ServerKeyProperties(null, "pem-secret", this.dataDir, "p12-secret", null,
				GRACE);
		assertThat(properties.toString()).doesNotContain("pem-secret").doesNotContain("p12-secret");
	}

	private ServerKeyProperties properties(Path pem, Path p12) {
		return new ServerKeyProperties(pem, null, p12, null, null, GRACE);
	}

	@SuppressWarnings("unchecked")
	private ServerKeyRing start(ServerKeyProperties properties) throws IOException {
		ObjectProvider<Clock> clockProvider = mock(ObjectProvider.class);
		org.mockito.Mockito.when(clockProvider.getIfAvailable(org.mockito.ArgumentMatchers.any()))
			.thenReturn(this.clock);
		ServerKeyRing ring = new ServerKeyRing(properties, this.repository, this.paths,
				mock(PlatformTransactionManager.class), clockProvider, mock(DatabaseDurability.class));
		ring.afterPropertiesSet();
		return ring;
	}

	static final class InMemoryRepository extends ServerKeyRepository {

		final List<ServerKeyRow> rows = new ArrayList<>();

		InMemoryRepository() {
			super(null);
		}

		@Override
		List<ServerKeyRow> findAll() {
			List<ServerKeyRow> sorted = new ArrayList<>(this.rows);
			sorted.sort((a, b) -> b.createdAt().compareTo(a.createdAt()));
			return sorted;
		}

		@Override
		void insert(ServerKeyRow row) {
			this.rows.add(row);
		}

		@Override
		void retire(String kid, Instant at) {
			replace(kid, r -> new ServerKeyRow(r.kid(), r.fingerprint(), r.source(), "retired", r.createdAt(), at));
		}

		@Override
		void reinstate(String kid) {
			replace(kid, r -> new ServerKeyRow(r.kid(), r.fingerprint(), r.source(), "current", r.createdAt(), null));
		}

		private void replace(String kid, java.util.function.UnaryOperator<ServerKeyRow> change) {
			this.rows.replaceAll(r -> r.kid().equals(kid) ? change.apply(r) : r);
		}

	}

}
