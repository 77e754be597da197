package dev.sealdrop.server.storage;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reads at most a fixed number of bytes of the wrapped stream; close() closes the wrapped stream. */
final class BoundedInputStream extends FilterInputStream {

	private long remaining;

	BoundedInputStream(InputStream in, long limit) {
		super(in);
		this.remaining = limit;
	}

	@Override
	public int read() throws IOException {
		if (this.remaining <= 0) {
			return -1;
		}
		int b = super.read();
		if (b >= 0) {
			this.remaining--;
		}
		return b;
	}

	@Override
	public int read(byte[] b, int off, int len) throws IOException {
		if (this.remaining <= 0) {
			return -1;
		}
		int n = super.read(b, off, (int) Math.min(len, this.remaining));
		if (n > 0) {
			this.remaining -= n;
		}
		return n;
	}

	@Override
	public long skip(long n) throws IOException {
		long skipped = super.skip(Math.min(n, this.remaining));
		this.remaining -= skipped;
		return skipped;
	}

	@Override
	public int available() throws IOException {
		return (int) Math.min(super.available(), this.remaining);
	}

	@Override
	public boolean markSupported() {
		return false;
	}

}
