package dev.sealdrop.server.upload;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the bytes read through it and fails once more than {@code limit} arrive, so an oversized
 * body is cut off while streaming instead of after. The failure is remembered ({@link #exceeded()})
 * because a reader further up may wrap or replace the exception. close() closes the wrapped stream.
 */
final class CountingInputStream extends FilterInputStream {

	private final long limit;

	private long count;

	private boolean exceeded;

	private boolean ended;

	CountingInputStream(InputStream in, long limit) {
		super(in);
		this.limit = limit;
	}

	long count() {
		return this.count;
	}

	boolean exceeded() {
		return this.exceeded;
	}

	/** Whether the wrapped stream reported its end. */
	boolean ended() {
		return this.ended;
	}

	@Override
	public int read() throws IOException {
		int b = super.read();
		if (b >= 0) {
			add(1);
		}
		else {
			this.ended = true;
		}
		return b;
	}

	@Override
	public int read(byte[] b, int off, int len) throws IOException {
		int n = super.read(b, off, len);
		if (n > 0) {
			add(n);
		}
		else if (n < 0) {
			this.ended = true;
		}
		return n;
	}

	@Override
	public long skip(long n) throws IOException {
		long skipped = super.skip(n);
		add(skipped);
		return skipped;
	}

	@Override
	public boolean markSupported() {
		return false;
	}

	private void add(long n) throws IOException {
		this.count += n;
		if (this.count > this.limit) {
			this.exceeded = true;
			throw new LimitExceededException(this.limit);
		}
	}

	/** The body is larger than the configured limit. */
	static final class LimitExceededException extends IOException {

		private static final long serialVersionUID = 1L;

		LimitExceededException(long limit) {
			super("request body exceeds " + limit + " bytes");
		}

	}

}
