package dev.sealdrop.format;

import java.nio.charset.StandardCharsets;

/** Entry names and sizes of a v1 archive (FORMAT.md §1, §6.2, §7), and its exact ZIP length. */
final class ArchiveLayout {

	static final String METADATA = "metadata.json";

	static final String CHECKSUMS = "checksums.txt";

	/**
	 * The most chunks a v1 archive can hold: {@code checksums.txt}, a STORED entry, must stay under
	 * 4 GiB (FORMAT.md §9, §10). The chunk counter alone would allow 2^32.
	 */
	static final long MAX_CHUNKS = 53_161_460;

	private static final long ZIP64_MAGIC = 0xFFFFFFFFL;

	private static final int LOCAL_HEADER = 30;

	private static final int CENTRAL_HEADER = 46;

	private static final int ZIP64_OFFSET_EXTRA = 4 + 8;

	private static final int END_OF_CENTRAL_DIRECTORY = 22;

	private static final int ZIP64_END_AND_LOCATOR = 56 + 20;

	private ArchiveLayout() {
	}

	/** Entry name of the chunk with 0-based counter {@code index}. */
	static String chunkEntry(long index) {
		return "chunks/chunk_" + (index + 1) + ".enc";
	}

	/** Sealed length of chunk {@code index} when the payload's size is known. */
	static long sealedChunkSize(PayloadHeader payload, long index) {
		long total = payload.totalChunks();
		long plain = (index < total - 1) ? payload.chunkSize() : payload.originalSize() - (total - 1) * payload.chunkSize();
		return plain + Gcm.TAG_LENGTH;
	}

	/** Sealed length of chunk {@code index} of a plaintext of {@code size} bytes. */
	static long sealedChunkSize(long size, int chunkSize, long index) {
		long total = PayloadHeader.chunksFor(size, chunkSize);
		long plain = (index < total - 1) ? chunkSize : size - (total - 1) * chunkSize;
		return plain + Gcm.TAG_LENGTH;
	}

	/** Length of {@code checksums.txt} for {@code chunks} chunks. */
	static long trailerLength(long chunks) {
		long length = "sealed_sha256: ".length() + 64 + 1;
		for (long digits = 1, from = 1; from <= chunks; digits++, from *= 10) {
			long to = Math.min(chunks, from * 10 - 1);
			length += (to - from + 1) * ("chunk_".length() + digits + ": ".length() + 64 + 1);
		}
		return length;
	}

	/**
	 * The byte length of the ZIP that Commons Compress writes for these entries with STORED entries of
	 * known size and CRC, no extra fields, Zip64Mode.AsNeeded and a non-seekable output: each local
	 * header is 30 bytes plus the name, each central header 46 plus the name plus a ZIP64 offset field
	 * when the local header starts at or beyond 4 GiB - 1, then the ZIP64 end records when any offset
	 * or the directory needs them or there are 65535 entries or more, then the 22-byte end record.
	 */
	static long zipLength(long metadataLength, long sealedSize, int chunkSize, long totalChunks) {
		Sizer sizer = new Sizer();
		sizer.entry(METADATA, metadataLength);
		for (long i = 0; i < totalChunks; i++) {
			sizer.entry(chunkEntry(i), sealedChunkSize(sealedSize, chunkSize, i));
		}
		sizer.entry(CHECKSUMS, trailerLength(totalChunks));
		return sizer.total();
	}

	/** The ZIP length for arbitrary STORED entries (names and sizes in order), as {@link #zipLength} computes it. */
	static long zipLength(java.util.List<String> names, long[] sizes) {
		Sizer sizer = new Sizer();
		for (int i = 0; i < sizes.length; i++) {
			sizer.entry(names.get(i), sizes[i]);
		}
		return sizer.total();
	}

	private static final class Sizer {

		private long offset;

		private long directory;

		private long entries;

		private boolean zip64;

		void entry(String name, long size) {
			int nameLength = name.getBytes(StandardCharsets.UTF_8).length;
			if (size >= ZIP64_MAGIC) {
				throw new IllegalArgumentException("entry too large for a streamed STORED entry");
			}
			boolean farOffset = this.offset >= ZIP64_MAGIC;
			this.directory += CENTRAL_HEADER + nameLength + (farOffset ? ZIP64_OFFSET_EXTRA : 0);
			this.zip64 |= farOffset;
			this.offset += LOCAL_HEADER + nameLength + size;
			this.entries++;
		}

		long total() {
			boolean zip64End = this.zip64 || this.entries >= 0xFFFF || this.directory >= ZIP64_MAGIC
					|| this.offset >= ZIP64_MAGIC;
			return this.offset + this.directory + (zip64End ? ZIP64_END_AND_LOCATOR : 0) + END_OF_CENTRAL_DIRECTORY;
		}

	}

}
