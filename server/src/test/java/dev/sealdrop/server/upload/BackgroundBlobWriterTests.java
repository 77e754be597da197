package dev.sealdrop.server.upload;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

class BackgroundBlobWriterTests {

	@Test
	void chunksArriveInOrderAndTheCallerMayReuseItsArray() throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		byte[] reused = new byte[1000];
		ByteArrayOutputStream expected = new ByteArrayOutputStream();
		try (BackgroundBlobWriter writer = new BackgroundBlobWriter(out)) {
			for (int i = 0; i < 50; i++) {
				Arrays.fill(reused, (byte) i);
				int len = 1000 - i;
				writer.write(reused, 0, len);
				expected.write(reused, 0, len);
				// overwritten at once: the writer must have taken a copy
				Arrays.fill(reused, (byte) 0xFF);
			}
			writer.finish();
		}
		assertThat(out.toByteArray()).isEqualTo(expected.toByteArray());
	}

	@Test
	void aFailedWriteIsThrownByTheNextCall() throws IOException {
		OutputStream failing = new OutputStream() {
			@Override
			public void write(int b) throws IOException {
				throw new IOException("disk full");
			}

			@Override
			public void write(byte[] b, int off, int len) throws IOException {
				throw new IOException("disk full");
			}
		};
		try (BackgroundBlobWriter writer = new BackgroundBlobWriter(failing)) {
			writer.write(new byte[10], 0, 10);
			assertThatIOException().isThrownBy(writer::finish).withMessage("disk full");
		}
		try (BackgroundBlobWriter writer = new BackgroundBlobWriter(failing)) {
			writer.write(new byte[10], 0, 10);
			assertThatIOException().isThrownBy(() -> writer.write(new byte[10], 0, 10)).withMessage("disk full");
		}
	}

	@Test
	void closeWaitsForTheWriteInFlight() throws Exception {
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		AtomicBoolean written = new AtomicBoolean();
		OutputStream slow = new OutputStream() {
			@Override
			public void write(int b) {
			}

			@Override
			public void write(byte[] b, int off, int len) {
				started.countDown();
				try {
					release.await(10, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				written.set(true);
			}
		};
		BackgroundBlobWriter writer = new BackgroundBlobWriter(slow);
		writer.write(new byte[10], 0, 10);
		assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
		Thread releaser = new Thread(() -> {
			try {
				Thread.sleep(200);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			release.countDown();
		});
		releaser.start();
		writer.close();
		// close returned only after the write ended: the blob may be discarded now
		assertThat(written).isTrue();
		releaser.join();
	}

}
