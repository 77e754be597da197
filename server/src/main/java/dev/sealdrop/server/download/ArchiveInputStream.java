package dev.sealdrop.server.download;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

import dev.sealdrop.format.ArchiveWriter;

/**
 * The bytes of a v1 archive, generated on demand: each time the buffer runs dry the next sealed chunk
 * is copied from the blob through the {@link ArchiveWriter} into it, so at most about one chunk is
 * held. Pull-based (no thread, no pipe), for the server-side decryption of the plaintext endpoint;
 * archive downloads are sent by {@link BlobTarget} instead. {@link #close()} closes the blob stream.
 */
final class ArchiveInputStream extends InputStream {

	/** Starts an archive on the given output (writes {@code metadata.json}). */
	@FunctionalInterface
	interface Start {

		ArchiveWriter start(java.io.OutputStream out) throws IOException;

	}

	private final Buffer buffer = new Buffer();

	private final InputStream chunks;

	private final ChunkLayout layout;

	private final byte[] sealedDigest;

	private final ArchiveWriter writer;

	private long nextChunk;

	private boolean finished;

	private int position;

	/**
	 * @param chunks the stored sealed chunks, concatenated; closed by {@link #close()}
	 */
	ArchiveInputStream(Start start, InputStream chunks, ChunkLayout layout, byte[] sealedDigest) throws IOException {
		this.chunks = chunks;
		this.layout = layout;
		this.sealedDigest = sealedDigest.clone();
		try {
			this.writer = start.start(this.buffer);
		}
		catch (IOException | RuntimeException ex) {
			chunks.close();
			throw ex;
		}
	}

	@Override
	public int read() throws IOException {
		if (!fill()) {
			return -1;
		}
		return this.buffer.bytes()[this.position++] & 0xff;
	}

	@Override
	public int read(byte[] b, int off, int len) throws IOException {
		java.util.Objects.checkFromIndexSize(off, len, b.length);
		if (len == 0) {
			return 0;
		}
		if (!fill()) {
			return -1;
		}
		int n = Math.min(len, this.buffer.size() - this.position);
		System.arraycopy(this.buffer.bytes(), this.position, b, off, n);
		this.position += n;
		return n;
	}

	@Override
	public int available() {
		return this.buffer.size() - this.position;
	}

	@Override
	public void close() throws IOException {
		this.finished = true;
		this.writer.close();
		this.chunks.close();
	}

	/** @return false at the end of the archive */
	private boolean fill() throws IOException {
		while (this.position == this.buffer.size()) {
			this.buffer.reset();
			this.position = 0;
			if (this.nextChunk < this.layout.totalChunks()) {
				this.writer.writeChunk(this.chunks, this.layout.sealedSize(this.nextChunk));
				this.nextChunk++;
			}
			else if (!this.finished) {
				this.writer.finish(this.sealedDigest);
				this.finished = true;
			}
			else {
				return false;
			}
		}
		return true;
	}

	/** Exposes the internal array, so draining it needs no copy. */
	private static final class Buffer extends ByteArrayOutputStream {

		Buffer() {
			super(64 * 1024);
		}

		byte[] bytes() {
			return this.buf;
		}

	}

}
