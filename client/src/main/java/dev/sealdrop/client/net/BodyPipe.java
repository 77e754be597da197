package dev.sealdrop.client.net;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Connects a {@link BodySupplier} running on its own thread to the HTTP client sending the request
 * body: a bounded queue of chunks, so memory stays at a few chunks whatever the file size.
 *
 * <p>The HTTP client's end is a {@link Flow.Publisher} ({@link #publisher()}) that hands each chunk
 * over as it is, as demanded: no copy into the client's own buffers and no thread waiting on a
 * stream (an {@code InputStream} body made the JDK client allocate, zero and fill a buffer per read,
 * which for a 1 GiB upload was a second GiB of garbage and a GC bill to match). Either side can end
 * the body: the HTTP client by cancelling, or the caller by {@link #abort()} when the request failed
 * (the producer's next write throws {@link Aborted}); the producer by failing (the subscriber gets
 * {@code onError}, which makes the HTTP client abandon the request). The body ends only when the
 * supplier returns normally; closing its stream is not enough.
 *
 * <p>The producer thread starts on the first subscription, that is when the HTTP client has a
 * connection and starts sending the body. So a request that failed to connect has not consumed
 * anything, and even a one-shot body can be retried after it.
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

	private static final Object END = new Object();

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

	private Delivery delivery;

	BodyPipe(BodySupplier supplier) {
		this.supplier = supplier;
	}

	/**
	 * The body for the HTTP client. Its first subscriber starts the producer; a second one (the JDK
	 * client re-subscribing) gets an error, since the body cannot be replayed within an attempt.
	 */
	Flow.Publisher<ByteBuffer> publisher() {
		return this::subscribe;
	}

	private void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
		java.util.Objects.requireNonNull(subscriber, "subscriber");
		Delivery delivery;
		lock.lock();
		try {
			if (producer != null || aborted) {
				delivery = null;
			}
			else {
				delivery = new Delivery(subscriber);
				this.delivery = delivery;
				producer = new Thread(this::produce, "sealdrop-upload-body");
				producer.setDaemon(true);
				producer.start();
			}
		}
		finally {
			lock.unlock();
		}
		if (delivery == null) {
			subscriber.onSubscribe(new Flow.Subscription() {

				@Override
				public void request(long n) {
				}

				@Override
				public void cancel() {
				}

			});
			subscriber.onError(new IOException("request body cannot be sent twice in one attempt"));
			return;
		}
		subscriber.onSubscribe(delivery);
		delivery.drain();
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

	/** Ends the pipe from the sending side: pending and future writes fail with {@link Aborted}. */
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
		deliver();
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
		deliver();
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
		deliver();
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
		deliver();
	}

	private void deliver() {
		Delivery current;
		lock.lock();
		try {
			current = delivery;
		}
		finally {
			lock.unlock();
		}
		if (current != null) {
			current.drain();
		}
	}

	/** What the subscriber is owed now, if it asked for {@code demand > 0}: a chunk, END, a failure, or null (nothing yet). */
	private Object next(boolean demand) {
		lock.lock();
		try {
			if (aborted) {
				return new IOException("upload aborted");
			}
			if (producerDone && failure != null) {
				return new IOException("the upload body could not be produced");
			}
			if (!chunks.isEmpty()) {
				if (!demand) {
					return null;
				}
				byte[] chunk = chunks.removeFirst();
				bytesTaken += chunk.length;
				changed.signalAll();
				return chunk;
			}
			return finished ? END : null;
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

	/**
	 * The HTTP client's end: one subscription. Signals go out from whichever thread makes progress
	 * possible (the client requesting more, the producer adding a chunk or ending), one thread at a
	 * time and never re-entrantly ({@code wip} counts the calls that arrived while one was draining),
	 * as Reactive Streams require.
	 */
	private final class Delivery implements Flow.Subscription {

		private final Flow.Subscriber<? super ByteBuffer> subscriber;

		private final AtomicInteger wip = new AtomicInteger();

		private final AtomicLong demand = new AtomicLong();

		private volatile boolean cancelled;

		/** Set once onComplete or onError went out; touched only while draining. */
		private boolean done;

		private volatile Throwable badRequest;

		Delivery(Flow.Subscriber<? super ByteBuffer> subscriber) {
			this.subscriber = subscriber;
		}

		@Override
		public void request(long n) {
			if (n <= 0) {
				badRequest = new IllegalArgumentException("request(" + n + "): demand must be positive (Reactive Streams 3.9)");
			}
			else {
				demand.getAndUpdate((current) -> (current + n < 0) ? Long.MAX_VALUE : current + n);
			}
			drain();
		}

		/** The HTTP client gave up on the body: stop the producer, unless the body was complete. */
		@Override
		public void cancel() {
			cancelled = true;
			lock.lock();
			try {
				if (finished && chunks.isEmpty()) {
					return;
				}
			}
			finally {
				lock.unlock();
			}
			abort();
		}

		void drain() {
			if (wip.getAndIncrement() != 0) {
				return;
			}
			int missed = 1;
			do {
				while (!done && !cancelled) {
					if (badRequest != null) {
						done = true;
						abort();
						subscriber.onError(badRequest);
						break;
					}
					Object next = next(demand.get() > 0);
					if (next == null) {
						break;
					}
					if (next instanceof byte[] chunk) {
						demand.decrementAndGet();
						subscriber.onNext(ByteBuffer.wrap(chunk));
					}
					else if (next == END) {
						done = true;
						subscriber.onComplete();
					}
					else {
						done = true;
						subscriber.onError((Throwable) next);
					}
				}
				missed = wip.addAndGet(-missed);
			}
			while (missed != 0);
		}

	}

}
