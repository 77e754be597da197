package dev.sealdrop.client.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

/**
 * {@link BodyPipe}: everything the supplier writes reaches the subscriber, never more chunks than it
 * asked for and never re-entrantly; the body completes only when the supplier returned normally; a
 * failure, an abort or a cancellation ends both sides.
 */
class BodyPipeTests {

	@Test
	void deliversEverythingTheSupplierWritesAsDemanded() throws Exception {
		byte[] content = UploadTests.randomBytes(1_000_000);
		BodyPipe pipe = new BodyPipe(out -> out.write(content));
		Collector collector = new Collector(1);
		pipe.publisher().subscribe(collector);

		assertThat(collector.awaitEnd()).isNull();
		assertThat(collector.bytes()).isEqualTo(content);
		assertThat(collector.overDelivered).hasValue(0);
		assertThat(collector.reentered).hasValue(0);
		assertThat(pipe.awaitProducer(10_000)).isNull();
		assertThat(pipe.completed()).isTrue();
		assertThat(pipe.bytesTaken()).isEqualTo(content.length);
	}

	@Test
	void waitsForDemandBeforeSendingAChunk() throws Exception {
		BodyPipe pipe = new BodyPipe(out -> out.write(new byte[3 * BodyPipe.CHUNK]));
		Collector collector = new Collector(0);
		pipe.publisher().subscribe(collector);
		assertThat(pipe.awaitProducer(10_000)).isNull();
		Thread.sleep(50);
		assertThat(collector.chunks).hasValue(0);

		collector.subscription.request(2);
		awaitChunks(collector, 2);
		Thread.sleep(50);
		assertThat(collector.chunks).hasValue(2);
		assertThat(collector.ended.getCount()).isEqualTo(1);
		collector.subscription.request(5);
		assertThat(collector.awaitEnd()).isNull();
		assertThat(collector.bytes()).hasSize(3 * BodyPipe.CHUNK);
	}

	@Test
	void startsTheSupplierOnlyWhenSubscribed() {
		BodyPipe pipe = new BodyPipe(out -> out.write(1));

		assertThat(pipe.started()).isFalse();
		pipe.publisher().subscribe(new Collector(1));
		assertThat(pipe.started()).isTrue();
	}

	@Test
	void theBodyCannotBeSentTwiceInOneAttempt() throws Exception {
		BodyPipe pipe = new BodyPipe(out -> out.write(1));
		Collector first = new Collector(1);
		pipe.publisher().subscribe(first);
		assertThat(first.awaitEnd()).isNull();

		Collector second = new Collector(1);
		pipe.publisher().subscribe(second);
		assertThat(second.awaitEnd()).isInstanceOf(IOException.class).hasMessageContaining("cannot be sent twice");
	}

	@Test
	void closingTheStreamDoesNotEndTheBodyBeforeTheSupplierReturns() throws Exception {
		CountDownLatch closed = new CountDownLatch(1);
		CountDownLatch fail = new CountDownLatch(1);
		BodyPipe pipe = new BodyPipe(out -> {
			out.write(new byte[1000]);
			out.close();
			closed.countDown();
			fail.await();
			throw new IllegalStateException("encryption failed after close");
		});
		Collector collector = new Collector(1);
		pipe.publisher().subscribe(collector);
		closed.await();
		// A truncated body that looked complete would end here: it must not.
		assertThat(collector.ended.await(200, TimeUnit.MILLISECONDS)).isFalse();
		assertThat(collector.chunks).hasValue(1);
		fail.countDown();

		assertThat(collector.awaitEnd()).isInstanceOf(IOException.class);
		assertThat(pipe.awaitProducer(10_000)).isInstanceOf(IllegalStateException.class);
		assertThat(pipe.completed()).isFalse();
	}

	@Test
	void aSupplierFailureBreaksTheBody() throws Exception {
		IOException failure = new IOException("read error");
		BodyPipe pipe = new BodyPipe(out -> {
			out.write(new byte[200_000]);
			throw failure;
		});
		Collector collector = new Collector(1);
		pipe.publisher().subscribe(collector);

		assertThat(collector.awaitEnd()).isInstanceOf(IOException.class)
			.hasMessage("the upload body could not be produced");
		assertThat(pipe.awaitProducer(10_000)).isSameAs(failure);
	}

	@Test
	void abortingStopsAWritingSupplierWithoutCountingAsItsFailure() throws Exception {
		AtomicReference<Throwable> seenBySupplier = new AtomicReference<>();
		BodyPipe pipe = new BodyPipe(endlessWriter(seenBySupplier));
		Collector collector = new Collector(0);
		pipe.publisher().subscribe(collector);
		collector.subscription.request(1);

		pipe.abort();

		assertThat(pipe.awaitProducer(10_000)).isNull();
		assertThat(seenBySupplier.get()).isInstanceOf(BodyPipe.Aborted.class);
		assertThat(pipe.completed()).isFalse();
		assertThat(collector.awaitEnd()).isInstanceOf(IOException.class).hasMessage("upload aborted");
	}

	@Test
	void theHttpClientCancellingStopsTheSupplier() throws Exception {
		AtomicReference<Throwable> seenBySupplier = new AtomicReference<>();
		BodyPipe pipe = new BodyPipe(endlessWriter(seenBySupplier));
		Collector collector = new Collector(0);
		pipe.publisher().subscribe(collector);
		collector.subscription.request(3);

		collector.subscription.cancel();

		assertThat(pipe.awaitProducer(10_000)).isNull();
		assertThat(seenBySupplier.get()).isInstanceOf(BodyPipe.Aborted.class);
		assertThat(pipe.completed()).isFalse();
		assertThat(collector.ended.await(100, TimeUnit.MILLISECONDS)).as("no signal after cancel").isFalse();
	}

	@Test
	void aNonPositiveRequestFailsTheBody() throws Exception {
		BodyPipe pipe = new BodyPipe(endlessWriter(new AtomicReference<>()));
		Collector collector = new Collector(0);
		pipe.publisher().subscribe(collector);

		collector.subscription.request(0);

		assertThat(collector.awaitEnd()).isInstanceOf(IllegalArgumentException.class);
		assertThat(pipe.awaitProducer(10_000)).isNull();
		assertThat(pipe.completed()).isFalse();
	}

	private static void awaitChunks(Collector collector, int count) throws InterruptedException {
		long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (collector.chunks.get() < count && System.nanoTime() < end) {
			Thread.sleep(5);
		}
		assertThat(collector.chunks).hasValue(count);
	}

	private static BodySupplier endlessWriter(AtomicReference<Throwable> seen) {
		return (out) -> {
			try {
				while (true) {
					out.write(new byte[BodyPipe.CHUNK]);
				}
			}
			catch (IOException ex) {
				seen.set(ex);
				throw ex;
			}
		};
	}

	/**
	 * Collects the body, requesting {@code batch} chunks at the start and one more after each chunk
	 * (from inside onNext, the way the JDK client does); records demand violations and re-entry.
	 */
	private static final class Collector implements Flow.Subscriber<ByteBuffer> {

		private final int batch;

		private final ByteArrayOutputStream received = new ByteArrayOutputStream();

		private final AtomicInteger chunks = new AtomicInteger();

		private final AtomicInteger overDelivered = new AtomicInteger();

		private final AtomicInteger reentered = new AtomicInteger();

		private final AtomicInteger depth = new AtomicInteger();

		private final CountDownLatch ended = new CountDownLatch(1);

		private long outstanding;

		private volatile Throwable error;

		private volatile Flow.Subscription subscription;

		Collector(int batch) {
			this.batch = batch;
		}

		@Override
		public void onSubscribe(Flow.Subscription subscription) {
			this.subscription = subscription;
			if (this.batch > 0) {
				request(this.batch);
			}
		}

		private synchronized void request(long n) {
			this.outstanding += n;
			this.subscription.request(n);
		}

		@Override
		public void onNext(ByteBuffer item) {
			if (this.depth.incrementAndGet() > 1) {
				this.reentered.incrementAndGet();
			}
			synchronized (this) {
				if (this.batch > 0 && --this.outstanding < 0) {
					this.overDelivered.incrementAndGet();
				}
				byte[] bytes = new byte[item.remaining()];
				item.get(bytes);
				this.received.writeBytes(bytes);
			}
			this.chunks.incrementAndGet();
			if (this.batch > 0) {
				request(1);
			}
			this.depth.decrementAndGet();
		}

		@Override
		public void onError(Throwable throwable) {
			this.error = throwable;
			this.ended.countDown();
		}

		@Override
		public void onComplete() {
			this.ended.countDown();
		}

		/** The error that ended the body, or null if it completed. */
		Throwable awaitEnd() throws InterruptedException {
			assertThat(this.ended.await(10, TimeUnit.SECONDS)).as("the body ended").isTrue();
			return this.error;
		}

		synchronized byte[] bytes() {
			return this.received.toByteArray();
		}

	}

}
