package dev.sealdrop.server.files;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A stored file as the API shows it (the upload's 201 body and the files endpoints).
 *
 * @param name the original file name from the archive; display data, never a path
 * @param size plaintext bytes
 * @param sha256 hex SHA-256 of the plaintext, verified by the server; compare it with the sender's
 * @param chunks number of chunks
 * @param format archive format version the upload used (0 or 1)
 * @param warnings reader warnings, e.g. for format 0 uploads; omitted when there are none
 */
@Schema(name = "File")
public record FileView(String id, String name, long size, String sha256, long chunks, int format, Instant createdAt,
		@JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> warnings) {

	public static FileView of(StoredFile file) {
		return new FileView(file.id(), file.name(), file.plaintextSize(), file.sha256(), file.totalChunks(),
				file.formatVersion(), file.createdAt(), file.warnings());
	}

}
