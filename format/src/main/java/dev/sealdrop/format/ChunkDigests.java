package dev.sealdrop.format;

import java.io.ByteArrayOutputStream;
import java.util.concurrent.Future;

/**
 * The SHA-256 of each sealed chunk, in order (the lines of {@code checksums.txt}). {@link #addLater}
 * hashes on a {@link HashThreads} thread while the caller goes on; at most one such hash is in flight.
 */
final class ChunkDigests {

	private final ByteArrayOutputStream digests = new ByteArrayOutputStream();

	private Future<byte[]> pending;

	private byte[] last;

	/** Hashes now. */
	void add(byte[] data, int off, int len) {
		java.util.Objects.checkFromIndexSize(off, len, data.length);
		await();
		append(Sha256.of(data, off, len));
	}

	/**
	 * Hashes on another thread: {@code data} must stay unmodified until the next call to this object
	 * has returned.
	 */
	void addLater(byte[] data, int off, int len) {
		java.util.Objects.checkFromIndexSize(off, len, data.length);
		await();
		if (len < HashThreads.INLINE_BELOW) {
			append(Sha256.of(data, off, len));
			return;
		}
		this.pending = HashThreads.submit(() -> Sha256.of(data, off, len));
	}

	/** The digest of the chunk added last, waiting for it if it is in flight. */
	byte[] last() {
		await();
		if (this.last == null) {
			throw new IllegalStateException("no chunk hashed yet");
		}
		return this.last.clone();
	}

	/** All digests, 32 bytes each, in order. */
	byte[] all() {
		await();
		return this.digests.toByteArray();
	}

	private void await() {
		Future<byte[]> job = this.pending;
		if (job != null) {
			this.pending = null;
			append(HashThreads.await(job));
		}
	}

	private void append(byte[] digest) {
		this.digests.writeBytes(digest);
		this.last = digest;
	}

}
