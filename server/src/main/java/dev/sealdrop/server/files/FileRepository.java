package dev.sealdrop.server.files;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import dev.sealdrop.server.system.UtcTimestamps;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code files} and {@code file_chunks} tables. Callers own transactions; timestamps are UTC.
 */
@Repository
public class FileRepository {

	private static final String COLUMNS = """
			id, owner_id, name, format_version, plaintext_size, sealed_size, chunk_size, total_chunks, sha256,
			sealed_digest, payload_header, wrapped_key, server_key_kid, warnings, idempotency_key, created_at""";

	private static final int CHUNK_BATCH = 1000;

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	FileRepository(JdbcClient jdbc, JdbcTemplate template) {
		this.jdbc = jdbc;
		this.template = template;
	}

	/**
	 * Inserts a file and what is kept of each of its chunks.
	 * @throws org.springframework.dao.DuplicateKeyException if the owner already has a file with the
	 * same idempotency key
	 */
	public void insert(StoredFile file, StoredChunks chunks) {
		this.jdbc.sql("INSERT INTO files (" + COLUMNS + """
				) VALUES (:id, :ownerId, :name, :formatVersion, :plaintextSize, :sealedSize, :chunkSize, :totalChunks,
				:sha256, :sealedDigest, :payloadHeader, :wrappedKey, :serverKeyKid, :warnings, :idempotencyKey, :createdAt)""")
			.param("id", file.id())
			.param("ownerId", file.ownerId())
			.param("name", file.name())
			.param("formatVersion", file.formatVersion())
			.param("plaintextSize", file.plaintextSize())
			.param("sealedSize", file.sealedSize())
			.param("chunkSize", file.chunkSize())
			.param("totalChunks", file.totalChunks())
			.param("sha256", file.sha256())
			.param("sealedDigest", file.sealedDigest())
			.param("payloadHeader", file.payloadHeader())
			.param("wrappedKey", file.wrappedKey())
			.param("serverKeyKid", file.serverKeyKid())
			.param("warnings", file.warnings().isEmpty() ? null : String.join("\n", file.warnings()))
			.param("idempotencyKey", file.idempotencyKey())
			.param("createdAt", UtcTimestamps.toDb(file.createdAt()))
			.update();
		insertChunks(file.id(), chunks);
	}

	/** Replaces a file's per-chunk rows (for files stored before CRC-32s were kept). */
	public void replaceChunks(String fileId, StoredChunks chunks) {
		this.jdbc.sql("DELETE FROM file_chunks WHERE file_id = :id").param("id", fileId).update();
		insertChunks(fileId, chunks);
	}

	private void insertChunks(String fileId, StoredChunks chunks) {
		HexFormat hex = HexFormat.of();
		List<Object[]> batch = new ArrayList<>(Math.min(chunks.count(), CHUNK_BATCH));
		for (int i = 0; i < chunks.count(); i++) {
			batch.add(new Object[] { fileId, (long) i, chunks.sealedSize(i), hex.formatHex(chunks.sha256(i)),
					chunks.crc32(i) });
			if (batch.size() == CHUNK_BATCH || i == chunks.count() - 1) {
				this.template.batchUpdate(
						"INSERT INTO file_chunks (file_id, chunk_index, sealed_size, sha256, crc32) VALUES (?, ?, ?, ?, ?)",
						batch);
				batch.clear();
			}
		}
	}

	public Optional<StoredFile> findById(String id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM files WHERE id = :id")
			.param("id", id)
			.query(FileRepository::map)
			.optional();
	}

	/** The owner's file with this idempotency key created at or after {@code since}. */
	public Optional<StoredFile> findByIdempotencyKey(String ownerId, String key, Instant since) {
		return this.jdbc.sql("SELECT " + COLUMNS
				+ " FROM files WHERE owner_id = :ownerId AND idempotency_key = :key AND created_at >= :since")
			.param("ownerId", ownerId)
			.param("key", key)
			.param("since", UtcTimestamps.toDb(since))
			.query(FileRepository::map)
			.optional();
	}

	/** Frees an idempotency key whose retention ran out, so the client may use it again. */
	public int releaseIdempotencyKey(String ownerId, String key, Instant before) {
		return this.jdbc.sql("UPDATE files SET idempotency_key = NULL"
				+ " WHERE owner_id = :ownerId AND idempotency_key = :key AND created_at < :before")
			.param("ownerId", ownerId)
			.param("key", key)
			.param("before", UtcTimestamps.toDb(before))
			.update();
	}

	/** A page of the owner's files, newest first. */
	public List<StoredFile> findByOwner(String ownerId, int page, int size) {
		return this.jdbc.sql("SELECT " + COLUMNS
				+ " FROM files WHERE owner_id = :ownerId ORDER BY created_at DESC, id DESC LIMIT :size OFFSET :offset")
			.param("ownerId", ownerId)
			.param("size", size)
			.param("offset", (long) page * size)
			.query(FileRepository::map)
			.list();
	}

	public long countByOwner(String ownerId) {
		return this.jdbc.sql("SELECT COUNT(*) FROM files WHERE owner_id = :ownerId")
			.param("ownerId", ownerId)
			.query(Long.class)
			.single();
	}

	/** Sum of the plaintext sizes of the owner's files (what the quota counts). */
	public long usedBytes(String ownerId) {
		Long used = this.jdbc.sql("SELECT SUM(plaintext_size) FROM files WHERE owner_id = :ownerId")
			.param("ownerId", ownerId)
			.query(Long.class)
			.optional()
			.orElse(null);
		return used != null ? used : 0;
	}

	/** The SHA-256 and CRC-32 of each sealed chunk, in order. */
	public List<ChunkDigests> chunkDigests(String fileId) {
		HexFormat hex = HexFormat.of();
		return this.jdbc.sql("SELECT sha256, crc32 FROM file_chunks WHERE file_id = :id ORDER BY chunk_index")
			.param("id", fileId)
			.query((rs, row) -> {
				long crc = rs.getLong("crc32");
				Long crc32 = rs.wasNull() ? null : crc;
				return new ChunkDigests(hex.parseHex(rs.getString("sha256")), crc32);
			})
			.list();
	}

	/**
	 * What the store keeps of one sealed chunk.
	 * @param sha256 32 bytes
	 * @param crc32 its CRC-32, or {@code null} if stored before CRC-32s were kept
	 */
	public record ChunkDigests(byte[] sha256, Long crc32) {
	}

	/** Ids of all files of one owner. */
	public List<String> idsByOwner(String ownerId) {
		return this.jdbc.sql("SELECT id FROM files WHERE owner_id = :ownerId")
			.param("ownerId", ownerId)
			.query(String.class)
			.list();
	}

	public boolean delete(String id) {
		this.jdbc.sql("DELETE FROM file_chunks WHERE file_id = :id").param("id", id).update();
		return this.jdbc.sql("DELETE FROM files WHERE id = :id").param("id", id).update() > 0;
	}

	private static StoredFile map(ResultSet rs, int row) throws SQLException {
		String warnings = rs.getString("warnings");
		return new StoredFile(rs.getString("id"), rs.getString("owner_id"), rs.getString("name"),
				rs.getInt("format_version"), rs.getLong("plaintext_size"), rs.getLong("sealed_size"),
				rs.getInt("chunk_size"), rs.getLong("total_chunks"), rs.getString("sha256"),
				rs.getString("sealed_digest"), rs.getString("payload_header"), rs.getString("wrapped_key"),
				rs.getString("server_key_kid"), warnings == null ? List.of() : Arrays.asList(warnings.split("\n")),
				rs.getString("idempotency_key"), UtcTimestamps.fromDb(rs.getObject("created_at", LocalDateTime.class)));
	}

}
