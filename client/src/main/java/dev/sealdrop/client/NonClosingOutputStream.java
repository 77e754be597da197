package dev.sealdrop.client;

import java.io.IOException;
import java.io.OutputStream;

/** Standard output for a library that closes what it is given: {@code close()} flushes but does not close the wrapped stream. */
final class NonClosingOutputStream extends OutputStream {

	private final OutputStream out;

	NonClosingOutputStream(OutputStream out) {
		this.out = out;
	}

	@Override
	public void write(int b) throws IOException {
		this.out.write(b);
	}

	@Override
	public void write(byte[] b, int off, int len) throws IOException {
		this.out.write(b, off, len);
	}

	@Override
	public void flush() throws IOException {
		this.out.flush();
	}

	@Override
	public void close() throws IOException {
		this.out.flush();
	}

}
