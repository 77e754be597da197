package dev.sealdrop.server.keys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.sealdrop.format.Identity;
import dev.sealdrop.server.problem.ApiException;
import dev.sealdrop.server.problem.ProblemType;
import dev.sealdrop.server.storage.DatabaseDurability;
import dev.sealdrop.server.storage.StoragePaths;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The server's P-384 keys: one current key, which clients encrypt uploads to, and retired keys,
 * which keep opening uploads made for them until {@code sealdrop.server-key.retired-grace} after
 * their retirement. Loaded (or generated, on first start) while the context starts; thread-safe:
 * readers see an immutable snapshot, {@link #rotate()} swaps it.
 * <p>
 * Generated private keys are PKCS#8 PEM files {@code ${sealdrop.data-dir}/keys/server-<kid>.pem},
 * mode 0600; the {@code server_keys} table records every key with its status. A configured key
 * ({@code pem-file} / {@code pkcs12-file}) is never copied into the data directory; when the
 * configured key changes, the previous current key is retired.
 */
@Component
@DependsOnDatabaseInitialization
public class ServerKeyRing implements InitializingBean {

	private static final Logger log = LoggerFactory.getLogger(ServerKeyRing.class);

	private final ServerKeyProperties properties;

	private final ServerKeyRepository repository;

	private final Path keysDir;

	private final TransactionTemplate tx;

	private final Clock clock;

	private final DatabaseDurability durability;

	private volatile Snapshot snapshot;

	ServerKeyRing(ServerKeyProperties properties, ServerKeyRepository repository, StoragePaths paths,
			PlatformTransactionManager transactionManager, ObjectProvider<Clock> clock, DatabaseDurability durability) {
		this.properties = properties;
		this.repository = repository;
		this.keysDir = paths.keys();
		this.tx = new TransactionTemplate(transactionManager);
		this.clock = clock.getIfAvailable(Clock::systemUTC);
		this.durability = durability;
	}

	@Override
	public void afterPropertiesSet() throws IOException {
		load();
	}

	/** The key clients should encrypt to. */
	public ServerKey current() {
		return this.snapshot.current();
	}

	/**
	 * The identities an upload may be opened with: the current key and every retired key still
	 * within its grace period whose private key is available.
	 */
	public List<Identity> uploadIdentities() {
		Instant now = this.clock.instant();
		List<Identity> identities = new ArrayList<>();
		identities.add(this.snapshot.current().identity());
		for (ServerKey key : this.snapshot.retired()) {
			if (key.identity() != null && now.isBefore(unwrapUntil(key))) {
				identities.add(key.identity());
			}
		}
		return identities;
	}

	/**
	 * Retired keys that still open uploads, newest first: within their grace period and with their
	 * private key at hand (a formerly configured key, or one whose file is gone, opens nothing).
	 */
	public List<ServerKey> retiredWithinGrace() {
		Instant now = this.clock.instant();
		return this.snapshot.retired()
			.stream()
			.filter(k -> k.identity() != null && now.isBefore(unwrapUntil(k)))
			.toList();
	}

	/**
	 * The first of the given fingerprints that names one of our keys whose grace period is over (an
	 * archive made for it gets {@code retired-key} rather than {@code no-matching-key}).
	 */
	public Optional<ServerKey> retiredPastGrace(Collection<String> fingerprints) {
		Instant now = this.clock.instant();
		return this.snapshot.retired()
			.stream()
			.filter(k -> fingerprints.contains(k.row().fingerprint()) && !now.isBefore(unwrapUntil(k)))
			.findFirst();
	}

	/** Until when a retired key opens uploads. */
	public Instant unwrapUntil(ServerKey key) {
		return key.row().retiredAt().plus(this.properties.retiredGrace());
	}

	/**
	 * Generates a new current key and retires the previous one.
	 * @throws ApiException {@code conflict} when the key is configured outside the server
	 */
	public synchronized ServerKey rotate() throws IOException {
		if (this.properties.configured()) {
			throw new ApiException(ProblemType.CONFLICT, "The server key is configured by file "
					+ "(sealdrop.server-key.pem-file or pkcs12-file); rotate it by replacing that file and restarting.");
		}
		ServerKey previous = this.snapshot.current();
		ServerKey next = generate();
		Instant now = now();
		try {
			this.tx.executeWithoutResult(status -> {
				this.repository.retire(previous.row().kid(), now);
				this.repository.insert(next.row());
			});
		}
		catch (RuntimeException ex) {
			Files.deleteIfExists(keyFile(next.row().kid()));
			throw ex;
		}
		// Clients will encrypt to the new key as soon as they see it: it must survive a crash.
		this.durability.sync();
		List<ServerKey> retired = new ArrayList<>();
		retired.add(new ServerKey(withRetired(previous.row(), now), previous.identity()));
		retired.addAll(this.snapshot.retired());
		this.snapshot = new Snapshot(next, List.copyOf(retired));
		destroyExpired();
		log.info("Rotated the server key: {} is current, {} retired (opens uploads until {})", next.row().kid(),
				previous.row().kid(), now.plus(this.properties.retiredGrace()));
		return next;
	}

	private void load() throws IOException {
		Identity configured = ConfiguredKeyLoader.load(this.properties);
		List<ServerKeyRow> rows = this.repository.findAll();
		Optional<ServerKeyRow> currentRow = rows.stream().filter(ServerKeyRow::current).findFirst();
		Instant now = now();
		if (configured != null) {
			String fingerprint = configured.fingerprint().toString();
			Optional<ServerKeyRow> known = rows.stream().filter(r -> r.fingerprint().equals(fingerprint)).findFirst();
			if (currentRow.isEmpty() || !currentRow.get().fingerprint().equals(fingerprint)) {
				this.tx.executeWithoutResult(status -> {
					currentRow.ifPresent(r -> this.repository.retire(r.kid(), now));
					if (known.isPresent()) {
						this.repository.reinstate(known.get().kid());
					}
					else {
						this.repository.insert(new ServerKeyRow(configured.fingerprint().kid(), fingerprint,
								ServerKeyRow.CONFIGURED, ServerKeyRow.CURRENT, now, null));
					}
				});
				log.info("Server key {} loaded from configuration is now current", configured.fingerprint().kid());
			}
		}
		else if (currentRow.isEmpty() || !currentRow.get().generated()) {
			ServerKey generated = generate();
			this.tx.executeWithoutResult(status -> {
				currentRow.ifPresent(r -> this.repository.retire(r.kid(), now));
				this.repository.insert(generated.row());
			});
			log.info("Generated server key {} in {}", generated.row().kid(), this.keysDir);
		}
		this.snapshot = snapshotOf(this.repository.findAll(), configured);
		destroyExpired();
	}

	/**
	 * Deletes the private key files of generated keys whose grace period is over: they can no longer
	 * open uploads, and deleting them means a later theft of the data directory cannot open
	 * archives that were captured on their way to the server. Runs at start and at each rotation.
	 */
	synchronized void destroyExpired() throws IOException {
		Instant now = this.clock.instant();
		List<ServerKey> retired = new ArrayList<>();
		boolean changed = false;
		for (ServerKey key : this.snapshot.retired()) {
			if (key.identity() != null && key.row().generated() && !now.isBefore(unwrapUntil(key))) {
				Files.deleteIfExists(keyFile(key.kid()));
				key.identity().destroy();
				log.info("Deleted the private key of server key {}: its grace period ended at {}", key.kid(),
						unwrapUntil(key));
				retired.add(new ServerKey(key.row(), null));
				changed = true;
			}
			else {
				retired.add(key);
			}
		}
		if (changed) {
			this.snapshot = new Snapshot(this.snapshot.current(), List.copyOf(retired));
		}
	}

	private Snapshot snapshotOf(List<ServerKeyRow> rows, Identity configured) throws IOException {
		ServerKey current = null;
		List<ServerKey> retired = new ArrayList<>();
		for (ServerKeyRow row : rows) {
			Identity identity = null;
			if (row.generated()) {
				Path file = keyFile(row.kid());
				if (Files.exists(file)) {
					identity = Identity.read(file, null);
				}
			}
			else if (configured != null && configured.fingerprint().toString().equals(row.fingerprint())) {
				identity = configured;
			}
			if (identity != null && !identity.fingerprint().toString().equals(row.fingerprint())) {
				throw new IllegalStateException("server key file for " + row.kid() + " holds a different key");
			}
			if (row.current()) {
				if (identity == null) {
					throw new IllegalStateException("the private key of the current server key " + row.kid()
							+ " is missing (expected " + keyFile(row.kid()) + ")");
				}
				current = new ServerKey(row, identity);
			}
			else {
				retired.add(new ServerKey(row, identity));
			}
		}
		if (current == null) {
			throw new IllegalStateException("no current server key");
		}
		retired.sort((a, b) -> b.row().retiredAt().compareTo(a.row().retiredAt()));
		return new Snapshot(current, List.copyOf(retired));
	}

	private ServerKey generate() throws IOException {
		Identity identity = Identity.generate();
		String kid = identity.fingerprint().kid();
		identity.writePrivate(keyFile(kid), null, false);
		ServerKeyRow row = new ServerKeyRow(kid, identity.fingerprint().toString(), ServerKeyRow.GENERATED,
				ServerKeyRow.CURRENT, now(), null);
		return new ServerKey(row, identity);
	}

	// Database timestamps keep milliseconds; the in-memory copy must match what a reload returns.
	private Instant now() {
		return this.clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
	}

	private Path keyFile(String kid) {
		return this.keysDir.resolve("server-" + kid + ".pem");
	}

	private static ServerKeyRow withRetired(ServerKeyRow row, Instant at) {
		return new ServerKeyRow(row.kid(), row.fingerprint(), row.source(), ServerKeyRow.RETIRED, row.createdAt(), at);
	}

	private record Snapshot(ServerKey current, List<ServerKey> retired) {
	}

	/**
	 * One server key: its database row and, when available, its private key.
	 */
	public record ServerKey(ServerKeyRow row, Identity identity) {

		public String kid() {
			return this.row.kid();
		}

		public String fingerprint() {
			return this.row.fingerprint();
		}

		public Instant createdAt() {
			return this.row.createdAt();
		}

		public Instant retiredAt() {
			return this.row.retiredAt();
		}

		@Override
		public String toString() {
			return "ServerKey[" + this.row.kid() + "]";
		}

	}

}
