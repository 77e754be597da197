package dev.sealdrop.format;

import java.io.Closeable;
import java.io.IOException;

/**
 * What {@link ArchiveReader} reads from: the v1 one-pass reader or the format-0 reader. Each
 * {@link #next()} returns a chunk that has passed every check FORMAT.md asks of it; the last one
 * is returned only after the whole archive (trailer included) verified.
 */
interface ChunkSource extends Closeable {

	ArchiveHeader header();

	/** The payload the chunks are (v1) or will be (format 0) sealed under. */
	PayloadHeader payload();

	/** The file key of {@link #payload()}. */
	FileKey fileKey();

	/** The next verified chunk, or {@code null} after the last. */
	Opened next() throws IOException;

	/** SHA-256 of all plaintext, once {@link #next()} returned {@code null}. */
	byte[] sha256();

	/**
	 * A chunk: its 0-based counter, whether it is the last, its v1 sealed bytes ({@code null} when
	 * the source has none yet, format 0) and its plaintext.
	 */
	record Opened(long index, boolean last, byte[] sealed, byte[] plaintext) {
	}

}
