package dev.sealdrop.server.upload;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes an upload's chunks to its blob on another thread, one chunk behind the request thread, so
 * that reading and verifying the next chunk from the socket overlaps the disk write of this one
 * (a write stalls whenever the kernel throttles dirty pages, and while it stalls nothing would be
 * read). Each chunk is copied into one buffer of this writer first: the reader reuses its own.
 * <p>
 * At most one write is in flight. A write's failure is thrown by the next {@link #write} or by
 * {@link #finish()}; {@link #close()} waits for a write in flight, so the blob can be discarded after it.
 */
final class BackgroundBlobWriter implements AutoCloseable {

	private static final AtomicInteger COUNT = new AtomicInteger();

	// daemons that end after a few idle seconds; one per upload in progress at most
	private static final ExecutorService WRITERS = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 5, TimeUnit.SECONDS,
			new SynchronousQueue<>(), (task) -> {
				Thread thread = new Thread(task, "sealdrop-blob-writer-" + COUNT.incrementAndGet());
				thread.setDaemon(true);
				return thread;
			});

	private final OutputStream out;

	private byte[] buffer;

	private Future<?> pending;

	BackgroundBlobWriter(OutputStream out) {
		this.out = out;
	}

	/** Queues {@code len} bytes; {@code data} may be reused as soon as this returns. */
	void write(byte[] data, int off, int len) throws IOException {
		java.util.Objects.checkFromIndexSize(off, len, data.length);
		awaitPending();
		if (this.buffer == null || this.buffer.length < len) {
			this.buffer = new byte[len];
		}
		System.arraycopy(data, off, this.buffer, 0, len);
		byte[] chunk = this.buffer;
		this.pending = WRITERS.submit(() -> {
			this.out.write(chunk, 0, len);
			return null;
		});
	}

	/** Waits until everything queued is written, throwing the write's failure. */
	void finish() throws IOException {
		awaitPending();
	}

	/** Waits for a write in flight, ignoring its outcome (the caller is failing anyway, or finished). */
	@Override
	public void close() {
		try {
			awaitPending();
		}
		catch (IOException ex) {
			// reported by finish() or write(), or irrelevant after another failure
		}
	}

	private void awaitPending() throws IOException {
		Future<?> job = this.pending;
		if (job == null) {
			return;
		}
		this.pending = null;
		boolean interrupted = false;
		try {
			while (true) {
				try {
					job.get();
					return;
				}
				catch (InterruptedException ex) {
					// the write must end before its buffer or the blob is touched again
					interrupted = true;
				}
				catch (ExecutionException ex) {
					Throwable cause = ex.getCause();
					if (cause instanceof IOException io) {
						throw io;
					}
					if (cause instanceof RuntimeException runtime) {
						throw runtime;
					}
					throw new IOException("writing the blob failed", cause);
				}
			}
		}
		finally {
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

}
