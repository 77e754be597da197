package dev.sealdrop.server.download;

/**
 * Sizes of a stored file's sealed chunks (FORMAT.md §6.2): every chunk holds {@code chunkSize}
 * plaintext bytes except the last, which holds the rest (an empty file is one empty chunk); sealing
 * adds a 16-byte tag. The blob stores the sealed chunks back to back, in order.
 */
record ChunkLayout(long plaintextSize, int chunkSize, long totalChunks) {

	static final int TAG = 16;

	ChunkLayout {
		long expected = Math.max(1, (plaintextSize + chunkSize - 1) / chunkSize);
		if (plaintextSize < 0 || chunkSize <= 0 || totalChunks != expected) {
			throw new IllegalArgumentException("inconsistent chunk layout");
		}
	}

	long sealedSize(long index) {
		if (index < 0 || index >= this.totalChunks) {
			throw new IndexOutOfBoundsException(Long.toString(index));
		}
		long plaintext = (index < this.totalChunks - 1) ? this.chunkSize
				: this.plaintextSize - (this.totalChunks - 1) * this.chunkSize;
		return plaintext + TAG;
	}

	/** Where sealed chunk {@code index} starts in the blob. */
	long blobOffset(long index) {
		if (index < 0 || index >= this.totalChunks) {
			throw new IndexOutOfBoundsException(Long.toString(index));
		}
		return index * (this.chunkSize + (long) TAG);
	}

	long sealedTotal() {
		return this.plaintextSize + this.totalChunks * TAG;
	}

}
