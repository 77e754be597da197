package dev.sealdrop.format;

import java.util.List;

/**
 * What a reader learned from an archive's header after opening it with a key.
 *
 * @param formatVersion 1, or 0 for the original layout (FORMAT.md §12)
 * @param name the decrypted file name: display data and a default output name, never a path
 * @param originalSize plaintext length, or -1 when the writer did not know it
 * @param chunkSize plaintext bytes per chunk
 * @param totalChunks number of chunks, or -1 when not known in advance
 * @param openedWith fingerprint of the identity whose stanza opened the file key
 * @param warnings human-readable warnings (format 0 carries one), empty for v1
 */
public record ArchiveHeader(int formatVersion, String name, long originalSize, int chunkSize, long totalChunks,
		Fingerprint openedWith, List<String> warnings) {

	public ArchiveHeader {
		warnings = List.copyOf(warnings);
	}

}
