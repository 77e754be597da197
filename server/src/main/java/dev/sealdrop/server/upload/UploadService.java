package dev.sealdrop.server.upload;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.sealdrop.format.ArchiveHeader;
import dev.sealdrop.format.ArchiveReader;
import dev.sealdrop.format.NoMatchingKeyException;
import dev.sealdrop.format.ReaderLimits;
import dev.sealdrop.format.SealdropException;
import dev.sealdrop.server.audit.AuditAction;
import dev.sealdrop.server.audit.AuditLog;
import dev.sealdrop.server.files.FileRepository;
import dev.sealdrop.server.files.FileView;
import dev.sealdrop.server.files.StoredChunks;
import dev.sealdrop.server.files.StoredFile;
import dev.sealdrop.server.keys.ServerKeyRing;
import dev.sealdrop.server.problem.ApiException;
import dev.sealdrop.server.problem.ProblemType;
import dev.sealdrop.server.security.SealdropPrincipal;
import dev.sealdrop.server.storage.BlobStore;
import dev.sealdrop.server.storage.DatabaseDurability;
import dev.sealdrop.server.storage.PendingBlob;
import dev.sealdrop.server.storage.StorageKeyWrapper;
import dev.sealdrop.server.storage.StoragePaths;
import dev.sealdrop.server.system.UtcTimestamps;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Receives an upload: streams the archive through {@link ArchiveReader}, writes each verified
 * sealed chunk to a new blob, and only when the whole archive verified (trailer included) commits
 * the blob (fsync, atomic rename) and then the database row. Any failure discards the blob, so a
 * rejected upload leaves nothing behind. Plaintext is never written anywhere: the blob holds the
 * sealed chunks exactly as the archive carried them (format 0 archives come out of the reader
 * re-sealed as v1).
 */
@Service
class UploadService {

	private static final Logger log = LoggerFactory.getLogger(UploadService.class);

	private static final int GCM_TAG = 16;

	private final UploadProperties properties;

	private final ServerKeyRing keys;

	private final BlobStore blobs;

	private final FileRepository files;

	private final StorageKeyWrapper keyWrapper;

	private final Path spoolDir;

	private final TransactionTemplate tx;

	private final UploadMetrics metrics;

	private final UploadPermits permits;

	private final DatabaseDurability durability;

	// Serializes the final quota check and the insert per user, so concurrent uploads cannot
	// together exceed the quota.
	private final Map<String, Object> commitLocks = new ConcurrentHashMap<>();

	private final AuditLog audit;

	UploadService(UploadProperties properties, ServerKeyRing keys, BlobStore blobs, FileRepository files,
			StorageKeyWrapper keyWrapper, StoragePaths paths, PlatformTransactionManager transactionManager,
			UploadMetrics metrics, DatabaseDurability durability, AuditLog audit) {
		this.audit = audit;
		this.properties = properties;
		this.keys = keys;
		this.blobs = blobs;
		this.files = files;
		this.keyWrapper = keyWrapper;
		this.spoolDir = paths.spool();
		this.tx = new TransactionTemplate(transactionManager);
		this.metrics = metrics;
		this.permits = new UploadPermits(properties.maxConcurrentPerUser());
		this.durability = durability;
	}

	/**
	 * Stores an upload, or answers an earlier one with the same idempotency key.
	 * @param contentLength the declared body length, or -1
	 * @param idempotencyKey the {@code Idempotency-Key} header, or {@code null}
	 * @throws ApiException for rejected requests; {@link SealdropException} for bad archives
	 */
	Result upload(SealdropPrincipal me, UploadSource source, long contentLength, String idempotencyKey)
			throws IOException {
		long started = System.nanoTime();
		try {
			Result result = doUpload(me, source, contentLength, idempotencyKey);
			if (!result.replayed()) {
				this.metrics.success(result.archiveBytes(), Duration.ofNanos(System.nanoTime() - started));
				this.audit.success(me, AuditAction.UPLOAD, "file:" + result.file().id(), result.file().size() + " bytes");
			}
			return result;
		}
		catch (ApiException ex) {
			this.metrics.failure(ex.type().slug(), Duration.ofNanos(System.nanoTime() - started));
			this.audit.failure(me, AuditAction.UPLOAD, null, ex.type().slug());
			throw ex;
		}
		catch (SealdropException ex) {
			this.metrics.failure(UploadProblems.slug(ex), Duration.ofNanos(System.nanoTime() - started));
			this.audit.failure(me, AuditAction.UPLOAD, null, UploadProblems.slug(ex));
			throw ex;
		}
		catch (IOException | RuntimeException ex) {
			this.metrics.failure(UploadProblems.clientAborted(ex) ? "client-aborted" : ProblemType.INTERNAL.slug(),
					Duration.ofNanos(System.nanoTime() - started));
			throw ex;
		}
	}

	/** How many uploads the user is running now (for monitoring and tests). */
	int uploadsInProgress(String userId) {
		return this.permits.running(userId);
	}

	private Result doUpload(SealdropPrincipal me, UploadSource source, long contentLength, String idempotencyKey)
			throws IOException {
		UploadProblems.checkIdempotencyKey(idempotencyKey);
		Instant now = UtcTimestamps.now();
		long maxBytes = this.properties.maxArchiveSize().toBytes();
		if (contentLength > maxBytes) {
			throw UploadProblems.tooLarge(maxBytes);
		}
		try (UploadPermits.Permit permit = this.permits.acquire(me.userId())) {
			// a replay reads its body too, so it holds a permit like any upload (else repeated keys
			// with slow bodies would occupy request threads past the concurrency limit)
			if (idempotencyKey != null) {
				Optional<StoredFile> earlier = this.files.findByIdempotencyKey(me.userId(), idempotencyKey,
						now.minus(this.properties.idempotencyWindow()));
				if (earlier.isPresent()) {
					discard(source, maxBytes);
					return new Result(FileView.of(earlier.get()), true, 0);
				}
			}
			long quota = this.properties.userQuota().toBytes();
			long used = this.files.usedBytes(me.userId());
			if (used >= quota) {
				throw UploadProblems.quotaExceeded(quota, used);
			}
			try (InputStream body = source.open()) {
				CountingInputStream counted = new CountingInputStream(body, maxBytes);
				try {
					return store(me, counted, source, idempotencyKey, quota - used);
				}
				catch (IOException | RuntimeException ex) {
					if (counted.exceeded()) {
						// Whatever the reader made of the cut-off stream, the cause is the size.
						throw UploadProblems.tooLarge(maxBytes);
					}
					if (ex instanceof IOException && !(ex instanceof SealdropException) && counted.ended()) {
						// The whole body arrived, so this is not the network: the archive itself ends early.
						throw new ApiException(ProblemType.MALFORMED_ARCHIVE,
								"The archive ends early (truncated ZIP); nothing was stored.", ex);
					}
					throw ex;
				}
			}
		}
	}

	/**
	 * Reads a replayed upload's body to its end without looking at it: a client retrying a large upload
	 * is still sending, and an answer before the body is read makes it see a reset or an early response
	 * instead of the replayed 201. Bounded by the archive size limit, past which the connection may close.
	 */
	private static void discard(UploadSource source, long maxBytes) throws IOException {
		byte[] buffer = new byte[64 * 1024];
		long read = 0;
		try (InputStream body = source.open()) {
			int n;
			while (read <= maxBytes && (n = body.read(buffer)) >= 0) {
				read += n;
			}
		}
	}

	private Result store(SealdropPrincipal me, CountingInputStream body, UploadSource source, String idempotencyKey,
			long quotaLeft) throws IOException {
		ReaderLimits limits = new ReaderLimits(this.properties.maxMetadataSize().toBytes(),
				this.properties.maxChunks(), this.spoolDir);
		String id = UUID.randomUUID().toString();
		// each chunk goes to the blob before the next is read, so one array serves them all
		try (ArchiveReader reader = open(body, limits).reuseChunkBuffers(); PendingBlob blob = this.blobs.create(id);
				BackgroundBlobWriter blobWriter = new BackgroundBlobWriter(blob.out())) {
			ArchiveHeader header = reader.header();
			String name = nameOf(header, source.clientName());
			StoredChunks chunks = new StoredChunks();
			long plaintext = 0;
			ArchiveReader.Chunk chunk;
			while ((chunk = reader.next()) != null) {
				plaintext += chunk.plaintextLength();
				if (plaintext > quotaLeft) {
					throw UploadProblems.quotaExceeded(this.properties.userQuota().toBytes(),
							this.properties.userQuota().toBytes() - quotaLeft);
				}
				byte[] sealed = chunk.sealed();
				blobWriter.write(sealed, 0, sealed.length);
				chunks.add(sealed.length, chunk.sealedSha256(), chunk.sealedCrc32());
			}
			blobWriter.finish();
			ArchiveReader.Summary summary = reader.summary();
			if (blob.length() != summary.plaintextLength() + GCM_TAG * summary.chunks()) {
				throw new IllegalStateException("stored length does not match the verified chunks");
			}
			byte[] fileKey = reader.fileKey().bytes();
			String wrappedKey;
			try {
				wrappedKey = this.keyWrapper.wrap(fileKey, id);
			}
			finally {
				Arrays.fill(fileKey, (byte) 0);
			}
			StoredFile file = new StoredFile(id, me.userId(), name, header.formatVersion(),
					summary.plaintextLength(), blob.length(), reader.payload().chunkSize(), summary.chunks(),
					HexFormat.of().formatHex(summary.sha256()), Base64.getEncoder().encodeToString(summary.sealedDigest()),
					reader.payload().encode(), wrappedKey, header.openedWith().kid(), header.warnings(), idempotencyKey,
					UtcTimestamps.now());
			Optional<StoredFile> earlier = commit(me, blob, file, chunks);
			if (earlier.isPresent()) {
				return new Result(FileView.of(earlier.get()), true, body.count());
			}
			log.info("Stored file {} for user {}: {} bytes in {} chunk(s), format {}", id, me.userId(),
					file.plaintextSize(), file.totalChunks(), file.formatVersion());
			return new Result(FileView.of(file), false, body.count());
		}
	}

	/**
	 * Blob first (forced and renamed into place), then the row: a crash in between leaves an orphan
	 * blob that start-up recovery deletes, never a row without content.
	 * @return the earlier file when a concurrent upload with the same idempotency key won
	 */
	private Optional<StoredFile> commit(SealdropPrincipal me, PendingBlob blob, StoredFile file, StoredChunks chunks)
			throws IOException {
		synchronized (this.commitLocks.computeIfAbsent(me.userId(), id -> new Object())) {
			long quota = this.properties.userQuota().toBytes();
			long used = this.files.usedBytes(me.userId());
			if (used + file.plaintextSize() > quota) {
				throw UploadProblems.quotaExceeded(quota, used);
			}
			blob.commit();
			try {
				this.tx.executeWithoutResult(status -> {
					if (file.idempotencyKey() != null) {
						this.files.releaseIdempotencyKey(me.userId(), file.idempotencyKey(),
								file.createdAt().minus(this.properties.idempotencyWindow()));
					}
					this.files.insert(file, chunks);
				});
				// Only a durable row may be acknowledged with 201.
				this.durability.sync();
				return Optional.empty();
			}
			catch (DuplicateKeyException ex) {
				this.blobs.delete(file.id());
				return this.files.findByIdempotencyKey(me.userId(), file.idempotencyKey(), Instant.EPOCH)
					.map(Optional::of)
					.orElseThrow(() -> ex);
			}
			catch (RuntimeException ex) {
				this.blobs.delete(file.id());
				throw ex;
			}
		}
	}

	private ArchiveReader open(InputStream body, ReaderLimits limits) throws IOException {
		try {
			return ArchiveReader.open(body, this.keys.uploadIdentities(), limits);
		}
		catch (NoMatchingKeyException ex) {
			Optional<ServerKeyRing.ServerKey> retired = this.keys.retiredPastGrace(ex.archiveRecipients());
			if (retired.isPresent()) {
				ServerKeyRing.ServerKey key = retired.get();
				throw new ApiException(ProblemType.RETIRED_KEY, "The archive was encrypted to server key " + key.kid()
						+ ", which was retired and stopped accepting uploads at " + this.keys.unwrapUntil(key)
						+ ". Fetch the current key from /api/v1/server-key and encrypt again.",
						Map.of("kid", key.kid(), "currentKid", this.keys.current().kid()));
			}
			throw ex;
		}
	}

	/** The archive's own (authenticated) name wins; the client's form field is a fallback. */
	private static String nameOf(ArchiveHeader header, String clientName) {
		if (header.name() != null && !header.name().isEmpty()) {
			return FileNames.check(header.name(), "the name in the archive");
		}
		if (clientName != null && !clientName.isEmpty()) {
			return FileNames.check(clientName, "the filename field");
		}
		return "unnamed";
	}

	/**
	 * @param replayed whether this answers an earlier upload with the same idempotency key
	 * @param archiveBytes bytes of the request body read
	 */
	record Result(FileView file, boolean replayed, long archiveBytes) {
	}

}
