package dev.sealdrop.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

import org.junit.jupiter.api.Test;

class EncryptingOutputStreamTests {

	private static final Identity ALICE = Identity.generate();

	@Test
	void aFailingArchiveStreamSurfacesItsOwnErrorThroughTryWithResources() {
		IOException diskFull = new IOException("No space left on device");
		FailingSink sink = new FailingSink(diskFull);

		assertThatIOException().isThrownBy(() -> {
			try (EncryptingOutputStream out = Sealdrop.encrypt(sink, EncryptOptions.of("x", -1),
					List.of(ALICE.recipient()))) {
				out.write(new byte[3 * EncryptOptions.DEFAULT_CHUNK_SIZE]);
			}
		}).satisfies((thrown) -> {
			assertThat(thrown).isSameAs(diskFull);
			assertThat(thrown.getSuppressed()).singleElement().satisfies((closing) -> assertThat(closing)
				.hasMessage("the archive is incomplete: No space left on device")
				.hasCause(diskFull));
		});
	}

	@Test
	void closeAfterAFailedWriteStillFailsAndClosesTheArchiveStream() throws IOException {
		FailingSink sink = new FailingSink(new IOException("broken pipe"));
		EncryptingOutputStream out = Sealdrop.encrypt(sink, EncryptOptions.of("x", -1), List.of(ALICE.recipient()));
		assertThatIOException().isThrownBy(() -> out.write(new byte[2 * EncryptOptions.DEFAULT_CHUNK_SIZE]));

		assertThatIOException().isThrownBy(out::close).withMessage("the archive is incomplete: broken pipe");
		assertThat(sink.closed).isTrue();
		assertThat(out.plaintextSha256()).isNull();
	}

	/** Accepts the header, then fails every write with the same exception, as a full disk does. */
	private static final class FailingSink extends OutputStream {

		private final IOException failure;

		private long accepted;

		private boolean closed;

		FailingSink(IOException failure) {
			this.failure = failure;
		}

		@Override
		public void write(int b) throws IOException {
			write(new byte[] { (byte) b }, 0, 1);
		}

		@Override
		public void write(byte[] b, int off, int len) throws IOException {
			if (this.accepted + len > 64 * 1024) {
				throw this.failure;
			}
			this.accepted += len;
		}

		@Override
		public void close() {
			this.closed = true;
		}

	}

}
