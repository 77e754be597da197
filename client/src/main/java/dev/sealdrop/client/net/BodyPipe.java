package dev.sealdrop.client.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Connects a {@link BodySupplier} running on its own thread to the HTTP client reading the request
 * body: a bounded queue of chunks, so memory stays at a few chunks whatever the file size.
 *
 * <p>Unlike {@code PipedInputStream} it does not tie either end to a thread (the JDK client reads on
 * pool threads that come and go), and either side can end it: the reader by {@link #abort()} when
 * the request failed (the producer's next write throws {@link Aborted}), the producer by failing
 * (the reader's next read throws, which makes the HTTP client abandon the request). The body ends
 * only when the supplier returns normally; closing its stream is not enough.
 *
 * <p>The producer thread starts on the first {@link #source()} call, that is when the HTTP client
 * has a connection and starts sending the body. So a request that failed to connect has not
 * consumed anything, and even a one-shot body can be retried after it.
 */
final class BodyPipe {

	/** The producer's stream was closed because the request ended; not the producer's fault. */
	static final class Aborted extends IOException {

		private static final long serialVersionUID = 1L;

		Aborted() {
			super("upload aborted");
		}

	}

	static final int CHUNK = 64 * 1024;

	// 4 MiB: room for a few sealed chunks, so the encryptor seals the next chunk while the HTTP client
	// still sends the last (with 1 MiB the two took turns and a 1 GiB upload took a third longer)
	private static final int MAX_CHUNKS = 64;

	private final BodySupplier supplier;

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition changed = lock.newCondition();

	private final Deque<byte[]> chunks = new ArrayDeque<>();

	private boolean finished;

	private volatile boolean aborted;

	private Throwable failure;

	private Thread producer;

	private volatile long bytesTaken;

	private boolean producerDone;

	BodyPipe(BodySupplier supplier) {
		this.supplier = supplier;
	}

	/**
	 * The body stream for the HTTP client; starts the producer. A second call (the JDK client
	 * re-subscribing) gets a stream that fails, since the body cannot be replayed within an attempt.
	 */
	InputStream source() {
		lock.lock();
		try {
			if (producer != null || aborted) {
				return new InputStream() {

					@Override
					public int read() throws IOException {
						throw new IOException("request body cannot be sent twice in one attempt");
					}

				};
			}
			producer = new Thread(this::produce, "sealdrop-upload-body");
			producer.setDaemon(true);
			producer.start();
			return new Source();
		}
		finally {
			lock.unlock();
		}
	}

	/** Body bytes the HTTP client has taken so far: progress, for the idle watch. */
	long bytesTaken() {
		return bytesTaken;
	}

	/** Whether the producer was started, i.e. the body may have been partly consumed. */
	boolean started() {
		lock.lock();
		try {
			return producer != null;
		}
		finally {
			lock.unlock();
		}
	}

	/** Ends the pipe from the reading side: pending and future writes fail with {@link Aborted}. */
	void abort() {
		lock.lock();
		try {
			aborted = true;
			chunks.clear();
			changed.signalAll();
		}
		finally {
			lock.unlock();
		}
	}

	/**
	 * Waits (up to {@code millis}) for the producer to end and returns its failure: null if it
	 * completed, or was never started, or failed after the pipe was aborted (which it then cannot
	 * be blamed for).
	 */
	Throwable awaitProducer(long millis) throws InterruptedIOException {
		lock.lock();
		try {
			long nanos = TimeUnit.MILLISECONDS.toNanos(millis);
			while (producer != null && !producerDone && nanos > 0) {
				nanos = changed.awaitNanos(nanos);
			}
			return failure instanceof Aborted ? null : failure;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("interrupted while waiting for the upload body");
		}
		finally {
			lock.unlock();
		}
	}

	/** Whether the producer wrote the whole body and closed its stream. */
	boolean completed() {
		lock.lock();
		try {
			return producerDone && failure == null;
		}
		finally {
			lock.unlock();
		}
	}

	private void produce() {
		Throwable thrown = null;
		Sink sink = new Sink();
		try {
			supplier.writeTo(sink);
			// Only a normal return ends the body. A supplier that failed may still have closed the
			// stream (try-with-resources around an encrypting writer does): that must not look
			// like a complete body, or a truncated upload could succeed.
			sink.close();
			finish();
		}
		catch (Throwable ex) {
			thrown = ex;
		}
		lock.lock();
		try {
			// After an abort, whatever the supplier threw is a consequence of its stream closing,
			// even when a wrapping stream turned our Aborted into something else.
			failure = aborted && thrown != null ? new Aborted() : thrown;
			producerDone = true;
			if (thrown != null) {
				chunks.clear();
			}
			changed.signalAll();
		}
		finally {
			lock.unlock();
		}
	}

	private void put(byte[] chunk) throws IOException {
		lock.lock();
		try {
			while (!aborted && chunks.size() >= MAX_CHUNKS) {
				changed.await();
			}
			if (aborted) {
				throw new Aborted();
			}
			chunks.addLast(chunk);
			changed.signalAll();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("interrupted while streaming the upload body");
		}
		finally {
			lock.unlock();
		}
	}

	private void finish() throws IOException {
		lock.lock();
		try {
			if (aborted) {
				throw new Aborted();
			}
			finished = true;
			changed.signalAll();
		}
		finally {
			lock.unlock();
		}
	}

	/** Null at the end of the body. */
	private byte[] take() throws IOException {
		lock.lock();
		try {
			while (true) {
				if (aborted) {
					throw new IOException("upload aborted");
				}
				if (producerDone && failure != null) {
					throw new IOException("the upload body could not be produced");
				}
				if (!chunks.isEmpty()) {
					break;
				}
				if (finished) {
					return null;
				}
				changed.await();
			}
			byte[] chunk = chunks.removeFirst();
			bytesTaken += chunk.length;
			changed.signalAll();
			return chunk;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("interrupted while sending the upload body");
		}
		finally {
			lock.unlock();
		}
	}

	/** The producer's end: buffers into chunks. close() ends the body. */
	private final class Sink extends OutputStream {

		private byte[] buffer = new byte[CHUNK];

		private int filled;

		private boolean closed;

		@Override
		public void write(int b) throws IOException {
			write(new byte[] { (byte) b }, 0, 1);
		}

		@Override
		public void write(byte[] bytes, int off, int len) throws IOException {
			java.util.Objects.checkFromIndexSize(off, len, bytes.length);
			if (closed) {
				throw new IOException("stream closed");
			}
			while (len > 0) {
				int n = Math.min(len, CHUNK - filled);
				System.arraycopy(bytes, off, buffer, filled, n);
				filled += n;
				off += n;
				len -= n;
				if (filled == CHUNK) {
					flushBuffer();
				}
			}
		}

		@Override
		public void flush() throws IOException {
			// Deliberately buffered: flushing tiny pieces would only fragment the request body.
		}

		private void flushBuffer() throws IOException {
			if (filled > 0) {
				byte[] chunk = filled == CHUNK ? buffer : java.util.Arrays.copyOf(buffer, filled);
				put(chunk);
				buffer = new byte[CHUNK];
				filled = 0;
			}
		}

		/** Flushes; the body ends only when the supplier returns normally (see produce()). */
		@Override
		public void close() throws IOException {
			if (closed) {
				return;
			}
			flushBuffer();
			closed = true;
		}

	}

	/** The HTTP client's end. */
	private final class Source extends InputStream {

		private byte[] current;

		private int pos;

		private boolean eof;

		@Override
		public int read() throws IOException {
			byte[] one = new byte[1];
			int n = read(one, 0, 1);
			return n < 0 ? -1 : one[0] & 0xff;
		}

		@Override
		public int read(byte[] bytes, int off, int len) throws IOException {
			java.util.Objects.checkFromIndexSize(off, len, bytes.length);
			if (len == 0) {
				return 0;
			}
			if (aborted) {
				throw new IOException("upload aborted");
			}
			if (eof) {
				return -1;
			}
			if (current == null || pos == current.length) {
				current = take();
				pos = 0;
				if (current == null) {
					eof = true;
					return -1;
				}
			}
			int n = Math.min(len, current.length - pos);
			System.arraycopy(current, pos, bytes, off, n);
			pos += n;
			return n;
		}

		@Override
		public void close() {
			if (!eof) {
				abort();
			}
		}

	}

}
