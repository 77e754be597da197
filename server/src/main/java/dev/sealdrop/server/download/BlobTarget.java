package dev.sealdrop.server.download;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.util.concurrent.ArrayBlockingQueue;

import jakarta.servlet.ServletOutputStream;

import dev.sealdrop.format.ArchiveFrame;

/**
 * Sends an archive frame to a response: generated parts as they come, chunk data straight from the
 * blob through one direct buffer, which the servlet container writes to the socket as it is. No copy
 * through the heap and no hashing, so a download runs at the speed of the connection rather than of
 * the CPU.
 * <p>
 * Not a memory mapping, although that would save one more copy: Java 17 cannot unmap a file before
 * the garbage collector gets to the buffer, so every downloaded byte would stay mapped (and counted
 * in the process's resident memory) until then.
 */
final class BlobTarget implements ArchiveFrame.Target, AutoCloseable {

	static final int BUFFER = 1024 * 1024;

	// Direct buffers are costly to allocate and freed only by the garbage collector: keep a few.
	private static final ArrayBlockingQueue<ByteBuffer> POOL = new ArrayBlockingQueue<>(8);

	private final ArchiveFrame frame;

	private final SeekableByteChannel blob;

	private final ServletOutputStream out;

	private ByteBuffer buffer;

	BlobTarget(ArchiveFrame frame, SeekableByteChannel blob, ServletOutputStream out) {
		this.frame = frame;
		this.blob = blob;
		this.out = out;
	}

	@Override
	public void write(byte[] bytes, int off, int len) throws IOException {
		this.out.write(bytes, off, len);
	}

	@Override
	public void writeChunk(long index, long offset, long length) throws IOException {
		if (this.buffer == null) {
			ByteBuffer pooled = POOL.poll();
			this.buffer = (pooled != null) ? pooled : ByteBuffer.allocateDirect(BUFFER);
		}
		this.blob.position(this.frame.blobOffset(index) + offset);
		long left = length;
		while (left > 0) {
			this.buffer.clear().limit((int) Math.min(BUFFER, left));
			int n = this.blob.read(this.buffer);
			if (n < 0) {
				throw new java.io.EOFException("the stored blob ended " + left + " bytes early");
			}
			this.buffer.flip();
			this.out.write(this.buffer);
			left -= n;
		}
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
