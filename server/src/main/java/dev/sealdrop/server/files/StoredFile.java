package dev.sealdrop.server.files;

import java.time.Instant;
import java.util.List;

/**
 * A row of {@code files}: one stored file. Its content is the blob with the same id (sealed v1
 * chunks); see {@code V2__files.sql} for the meaning of each column.
 *
 * @param sha256 hex SHA-256 of the plaintext, verified during the upload
 * @param sealedDigest base64 of the v1 {@code sealed_digest} for {@code payloadHeader}
 * @param payloadHeader {@code PayloadHeader.encode()} text
 * @param wrappedKey the file key wrapped under the storage master key (AAD = id)
 * @param idempotencyKey the client's {@code Idempotency-Key}, or {@code null}
 */
public record StoredFile(String id, String ownerId, String name, int formatVersion, long plaintextSize,
		long sealedSize, int chunkSize, long totalChunks, String sha256, String sealedDigest, String payloadHeader,
		String wrappedKey, String serverKeyKid, List<String> warnings, String idempotencyKey, Instant createdAt) {

	public StoredFile {
		warnings = List.copyOf(warnings);
	}

	@Override
	public String toString() {
		return "StoredFile[" + this.id + "]";
	}

}
