package dev.sealdrop.client;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;

/**
 * Progress as plain lines, for standard error that is not a terminal: one line each time another
 * tenth of {@code length} was read, e.g. {@code Uploading: 30% (6.0 MiB of 20.0 MiB, 41.3 MiB/s)}.
 * {@code close()} closes the wrapped stream.
 */
final class PlainProgress extends FilterInputStream {

	private final long length;

	private final String task;

	private final PrintWriter err;

	private final long started = System.nanoTime();

	private long read;

	private int reportedTenths;

	PlainProgress(InputStream in, long length, String task, PrintWriter err) {
		super(in);
		this.length = length;
		this.task = task;
		this.err = err;
	}

	@Override
	public int read() throws IOException {
		int b = super.read();
		if (b >= 0) {
			advance(1);
		}
		return b;
	}

	@Override
	public int read(byte[] bytes, int off, int len) throws IOException {
		int n = super.read(bytes, off, len);
		if (n > 0) {
			advance(n);
		}
		return n;
	}

	private void advance(int n) {
		this.read += n;
		int tenths = (int) Math.min(10, this.read * 10 / this.length);
		if (tenths > this.reportedTenths) {
			this.reportedTenths = tenths;
			double seconds = Math.max(1e-3, (System.nanoTime() - this.started) / 1e9);
			this.err.printf("%s: %d%% (%s of %s, %s/s)%n", this.task, tenths * 10, Streams.humanBytes(this.read),
					Streams.humanBytes(this.length), Streams.humanBytes((long) (this.read / seconds)));
			this.err.flush();
		}
	}

}
