package dev.sealdrop.format;

import java.util.List;

/**
 * An archive's header as {@link Sealdrop#inspect} reads it without a key: nothing here is secret,
 * and nothing beyond the header has been verified.
 *
 * @param formatVersion 1, or 0 for the original layout
 * @param originalSize plaintext length, or -1 when not known in advance
 * @param chunkSize plaintext bytes per chunk
 * @param totalChunks number of chunks, or -1 when not known in advance
 * @param recipients text fingerprints ({@code sha256:...}) of the stanzas of known method, primary
 * first; empty for format 0, which does not name its recipient
 * @param keyEncryption {@code file_info.key_encryption}
 * @param encryptionAlgorithm {@code file_info.encryption_algorithm}
 * @param metadataBytes length of {@code metadata.json}
 */
public record ArchiveInfo(int formatVersion, long originalSize, int chunkSize, long totalChunks,
		List<String> recipients, String keyEncryption, String encryptionAlgorithm, long metadataBytes) {

	public ArchiveInfo {
		recipients = List.copyOf(recipients);
	}

}
