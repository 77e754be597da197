package dev.sealdrop.server.files;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the store keeps of each sealed chunk of one file, in order: its length, its SHA-256 (for
 * {@code chunks[]} and {@code checksums.txt} when the file is served) and its CRC-32 (for the ZIP
 * headers). Filled chunk by chunk while an upload is verified; about 70 bytes of heap per chunk.
 */
public final class StoredChunks {

	private final List<byte[]> sha256 = new ArrayList<>();

	private int[] sealedSizes = new int[64];

	private long[] crc32 = new long[64];

	/** Appends the next chunk. */
	public void add(int sealedSize, byte[] sha256, long crc32) {
		if (sealedSize < 0 || sha256 == null || sha256.length != 32 || crc32 < 0 || crc32 > 0xFFFFFFFFL) {
			throw new IllegalArgumentException("a chunk has a length, a 32-byte SHA-256 and an unsigned 32-bit CRC-32");
		}
		int i = count();
		if (i == this.crc32.length) {
			this.sealedSizes = Arrays.copyOf(this.sealedSizes, 2 * i);
			this.crc32 = Arrays.copyOf(this.crc32, 2 * i);
		}
		this.sealedSizes[i] = sealedSize;
		this.crc32[i] = crc32;
		this.sha256.add(sha256.clone());
	}

	public int count() {
		return this.sha256.size();
	}

	public int sealedSize(int index) {
		return this.sealedSizes[checkIndex(index)];
	}

	public byte[] sha256(int index) {
		return this.sha256.get(checkIndex(index)).clone();
	}

	public long crc32(int index) {
		return this.crc32[checkIndex(index)];
	}

	private int checkIndex(int index) {
		return java.util.Objects.checkIndex(index, count());
	}

}
