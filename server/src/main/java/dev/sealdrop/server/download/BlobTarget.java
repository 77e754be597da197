package dev.sealdrop.server.download;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.util.concurrent.ArrayBlockingQueue;

import jakarta.servlet.ServletOutputStream;

import dev.sealdrop.format.ArchiveFrame;

/**
 * Sends an archive frame to a response through one direct buffer: generated parts are copied into
 * it, chunk data is read into it from the blob, and each full buffer goes to the servlet container,
 * which writes it to the socket as it is. No copy through the heap, no hashing, and one large write
 * per buffer whatever the ZIP headers in between, so a download runs at the speed of the connection
 * rather than of the CPU. {@link #flush()} sends the rest.
 * <p>
 * Not a memory mapping, although that would save one more copy: Java 17 cannot unmap a file before
 * the garbage collector gets to the buffer, so every downloaded byte would stay mapped (and counted
 * in the process's resident memory) until then.
 */
final class BlobTarget implements ArchiveFrame.Target, AutoCloseable {

	static final int BUFFER = 1024 * 1024;

	// Direct buffers are costly to allocate and freed only by the garbage collector: keep a few.
	private static final ArrayBlockingQueue<ByteBuffer> POOL = new ArrayBlockingQueue<>(8);

	private final ChunkLayout layout;

	private final SeekableByteChannel blob;

	private final ServletOutputStream out;

	private ByteBuffer buffer;

	BlobTarget(ChunkLayout layout, SeekableByteChannel blob, ServletOutputStream out) {
		this.layout = layout;
		this.blob = blob;
		this.out = out;
	}

	@Override
	public void write(byte[] bytes, int off, int len) throws IOException {
		int done = 0;
		while (done < len) {
			ByteBuffer buffer = buffer();
			int n = Math.min(len - done, buffer.remaining());
			buffer.put(bytes, off + done, n);
			done += n;
			drainIfFull();
		}
	}

	@Override
	public void writeChunk(long index, long offset, long length) throws IOException {
		this.blob.position(this.layout.blobOffset(index) + offset);
		long left = length;
		while (left > 0) {
			ByteBuffer buffer = buffer();
			int limit = buffer.limit();
			buffer.limit(buffer.position() + (int) Math.min(buffer.remaining(), left));
			int n = this.blob.read(buffer);
			buffer.limit(limit);
			if (n < 0) {
				throw new java.io.EOFException("the stored blob ended " + left + " bytes early");
			}
			left -= n;
			drainIfFull();
		}
	}

	/** Sends what is buffered; the headers between chunks ride along with the chunk data. */
	void flush() throws IOException {
		if (this.buffer != null && this.buffer.position() > 0) {
			this.buffer.flip();
			this.out.write(this.buffer);
			this.buffer.clear();
		}
	}

	private void drainIfFull() throws IOException {
		if (!this.buffer.hasRemaining()) {
			flush();
		}
	}

	private ByteBuffer buffer() {
		if (this.buffer == null) {
			ByteBuffer pooled = POOL.poll();
			this.buffer = (pooled != null) ? pooled.clear() : ByteBuffer.allocateDirect(BUFFER);
		}
		return this.buffer;
	}

	/** Returns the buffer to the pool. */
	@Override
	public void close() {
		if (this.buffer != null) {
			POOL.offer(this.buffer);
			this.buffer = null;
		}
	}

}
