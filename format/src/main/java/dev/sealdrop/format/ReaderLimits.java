package dev.sealdrop.format;

import java.nio.file.Path;

/**
 * Limits a reader enforces beyond those fixed by FORMAT.md §10, and where it spools a format-0
 * archive (which needs random access) while reading it.
 *
 * @param maxMetadataBytes largest accepted {@code metadata.json}, at most 1 MiB
 * @param maxChunks largest accepted number of chunks, at most 2^32 - 1
 * @param spoolDir directory for the temporary copy of a streamed format-0 archive (ciphertext only;
 * deleted when the reader closes)
 */
public record ReaderLimits(long maxMetadataBytes, long maxChunks, Path spoolDir) {

	public ReaderLimits {
		if (maxMetadataBytes < 1 || maxMetadataBytes > MetadataCodec.MAX_BYTES) {
			throw new IllegalArgumentException("maxMetadataBytes must be 1 .. 1 MiB");
		}
		if (maxChunks < 1 || maxChunks > ChunkSealer.MAX_CHUNKS - 1) {
			throw new IllegalArgumentException("maxChunks must be 1 .. 2^32 - 1");
		}
		if (spoolDir == null) {
			throw new IllegalArgumentException("spoolDir is required");
		}
	}

	/** 1 MiB of header, 2^32 - 1 chunks, spooling under {@code java.io.tmpdir}. */
	public static ReaderLimits defaults() {
		return new ReaderLimits(MetadataCodec.MAX_BYTES, ChunkSealer.MAX_CHUNKS - 1,
				Path.of(System.getProperty("java.io.tmpdir")));
	}

}
