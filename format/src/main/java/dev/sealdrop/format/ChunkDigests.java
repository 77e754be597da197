package dev.sealdrop.format;

import java.io.Closeable;
import java.util.concurrent.Future;

/**
 * The SHA-256 (with the CRC-32) of each sealed chunk, in order, kept in a {@link ChunkTable}.
 * {@link #addLater} hashes on a {@link HashThreads} thread while the caller goes on; at most one
 * such hash is in flight.
 */
final class ChunkDigests implements Closeable {

	private final ChunkTable table;

	private Future<byte[]> pending;

	private long pendingCrc;

	private byte[] last;

	ChunkDigests() {
		this(new ChunkTable());
	}

	ChunkDigests(ChunkTable table) {
		this.table = table;
	}

	/** Hashes now. */
	void add(byte[] data, int off, int len, long crc32) {
		java.util.Objects.checkFromIndexSize(off, len, data.length);
		await();
		append(Sha256.of(data, off, len), crc32);
	}

	/**
	 * Hashes on another thread: {@code data} must stay unmodified until the next call to this object
	 * has returned.
	 */
	void addLater(byte[] data, int off, int len, long crc32) {
		java.util.Objects.checkFromIndexSize(off, len, data.length);
		await();
		if (len < HashThreads.INLINE_BELOW) {
			append(Sha256.of(data, off, len), crc32);
			return;
		}
		this.pendingCrc = crc32;
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

	/** Every chunk's digest and CRC-32, once the last hash is done. */
	ChunkTable table() {
		await();
		return this.table;
	}

	/** Releases the table (and its file, if it spilled); waits for a hash in flight first. */
	@Override
	public void close() {
		try {
			await();
		}
		catch (java.io.UncheckedIOException ex) {
			// the last record could not be kept (its spill file failed): nothing is left to keep it for
		}
		finally {
			this.table.close();
		}
	}

	private void await() {
		Future<byte[]> job = this.pending;
		if (job != null) {
			this.pending = null;
			append(HashThreads.await(job), this.pendingCrc);
		}
	}

	private void append(byte[] digest, long crc32) {
		this.table.add(digest, crc32);
		this.last = digest;
	}

}
