package dev.sealdrop.client.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

class BodyPipeTests {

	@Test
	void deliversEverythingTheSupplierWrites() throws IOException {
		byte[] content = UploadTests.randomBytes(1_000_000);
		BodyPipe pipe = new BodyPipe(out -> out.write(content));

		assertThat(pipe.source().readAllBytes()).isEqualTo(content);
		assertThat(pipe.awaitProducer(10_000)).isNull();
		assertThat(pipe.completed()).isTrue();
	}

	@Test
	void startsTheSupplierOnlyWhenTheBodyIsFirstRead() {
		BodyPipe pipe = new BodyPipe(out -> out.write(1));

		assertThat(pipe.started()).isFalse();
		pipe.source();
		assertThat(pipe.started()).isTrue();
	}

	@Test
	void theBodyCannotBeReadTwiceInOneAttempt() throws IOException {
		BodyPipe pipe = new BodyPipe(out -> out.write(1));
		pipe.source().readAllBytes();

		assertThatThrownBy(() -> pipe.source().read()).isInstanceOf(IOException.class)
			.hasMessageContaining("cannot be sent twice");
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
		InputStream source = pipe.source();
		closed.await();
		AtomicReference<Object> outcome = new AtomicReference<>();
		Thread reader = new Thread(() -> {
			try {
				outcome.set(source.readAllBytes());
			}
			catch (IOException ex) {
				outcome.set(ex);
			}
		});
		reader.start();
		// The reader either finishes (a truncated body looked complete: the bug) or parks waiting for more.
		while (reader.getState() != Thread.State.WAITING && reader.getState() != Thread.State.TERMINATED) {
			Thread.onSpinWait();
		}
		assertThat(reader.getState()).isEqualTo(Thread.State.WAITING);
		fail.countDown();
		reader.join();

		assertThat(outcome.get()).isInstanceOf(IOException.class);
		assertThat(pipe.awaitProducer(10_000)).isInstanceOf(IllegalStateException.class);
		assertThat(pipe.completed()).isFalse();
	}

	@Test
	void aSupplierFailureBreaksTheBody() throws IOException {
		IOException failure = new IOException("read error");
		BodyPipe pipe = new BodyPipe(out -> {
			out.write(new byte[200_000]);
			throw failure;
		});

		assertThatThrownBy(() -> pipe.source().readAllBytes()).isInstanceOf(IOException.class)
			.hasMessage("the upload body could not be produced");
		assertThat(pipe.awaitProducer(10_000)).isSameAs(failure);
	}

	@Test
	void abortingStopsAWritingSupplierWithoutCountingAsItsFailure() throws IOException {
		AtomicReference<Throwable> seenBySupplier = new AtomicReference<>();
		BodyPipe pipe = new BodyPipe(out -> {
			try {
				while (true) {
					out.write(new byte[BodyPipe.CHUNK]);
				}
			}
			catch (IOException ex) {
				seenBySupplier.set(ex);
				throw ex;
			}
		});
		InputStream source = pipe.source();
		source.readNBytes(10);

		pipe.abort();

		assertThat(pipe.awaitProducer(10_000)).isNull();
		assertThat(seenBySupplier.get()).isInstanceOf(BodyPipe.Aborted.class);
		assertThat(pipe.completed()).isFalse();
		assertThatThrownBy(source::read).isInstanceOf(IOException.class);
	}

}
