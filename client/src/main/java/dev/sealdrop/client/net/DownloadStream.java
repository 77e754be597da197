package dev.sealdrop.client.net;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.Objects;
import java.util.Optional;

/**
 * The body of a download that survives broken connections: when a read fails mid-body (or the
 * connection closes before Content-Length), it reconnects with {@code Range: bytes=<position>-}
 * and {@code If-Range: <etag>} and carries on from the same byte, so a consumer such as a
 * decrypting stream never notices. Reconnects follow the client's {@link RetryPolicy}; the attempt
 * count starts again whenever bytes arrive, so only failures in a row without progress count
 * towards the limit. When they run out, a read throws {@link FatalTransferException}. A read that
 * gets no byte for the client's idle timeout counts as a broken connection.
 *
 * <p>Resuming needs a strong ETag: the server's promise that the bytes are the same. If the first
 * response had none, a broken connection is fatal. If on reconnecting the server sends a different
 * representation (200 with another ETag), the download fails rather than splice two files.
 *
 * <p>{@link #startOffset()} says where the bytes begin: the requested offset when the server agreed
 * to resume an earlier download, 0 when it sent everything. {@code close()} closes the connection.
 * Not thread-safe.
 */
public final class DownloadStream extends InputStream {

	private final ApiClient client;

	private final String path;

	private final String what;

	private final long startOffset;

	private final long totalLength;

	private final String etag;

	/** Volatile: the watchdog's thread closes the body a read hangs on. */
	private volatile InputStream body;

	private long position;

	private int failedInARow;

	private boolean closed;

	/** Sticky: once the download failed for good, every later read fails the same way. */
	private IOException fatal;

	/** Closes the body when one read gets no byte for the client's idle timeout. */
	private final Watchdog watchdog;

	private DownloadStream(ApiClient client, String path, String what, Ranged first) {
		this.client = client;
		this.path = path;
		this.what = what;
		this.startOffset = first.start();
		this.totalLength = first.total();
		this.etag = first.etag();
		this.body = first.body();
		this.position = first.start();
		this.watchdog = new Watchdog(client.idleTimeout().toMillis(), () -> closeQuietly(this.body));
	}

	static DownloadStream open(ApiClient client, String path, String what, long offset, String etag) throws IOException {
		Objects.requireNonNull(path, "path");
		Ranged first = client.retrier().run(what, Retrier.Safety.IDEMPOTENT, () -> {
			Ranged ranged = client.fetchRange(path, offset, etag);
			if (ranged.start() > 0 && ranged.etag() != null && !ranged.etag().equals(etag)) {
				// A 206 for another representation than the one asked for (If-Range): a broken server.
				closeQuietly(ranged.body());
				throw new NotRetryable(null, "the server resumed a different version of the file");
			}
			return ranged;
		});
		return new DownloadStream(client, path, what, first);
	}

	/** Offset of the first byte this stream delivers within the whole file: 0, or the resume offset if honoured. */
	public long startOffset() {
		return startOffset;
	}

	/** Offset of the next byte within the whole file ({@link #startOffset()} + bytes read so far). */
	public long position() {
		return position;
	}

	/** The whole file's length, or -1 if the server did not say. */
	public long totalLength() {
		return totalLength;
	}

	/** The ETag to resume with later, if the server sent one. */
	public Optional<String> etag() {
		return Optional.ofNullable(etag);
	}

	@Override
	public int read() throws IOException {
		byte[] one = new byte[1];
		int n = read(one, 0, 1);
		return n < 0 ? -1 : one[0] & 0xff;
	}

	@Override
	public int read(byte[] bytes, int off, int len) throws IOException {
		Objects.checkFromIndexSize(off, len, bytes.length);
		if (closed) {
			throw new IOException("stream closed");
		}
		if (fatal != null) {
			throw new IOException(fatal.getMessage(), fatal);
		}
		if (len == 0) {
			return 0;
		}
		while (true) {
			IOException failure;
			InputStream current = body;
			try {
				int n;
				watchdog.enter();
				try {
					n = current.read(bytes, off, len);
				}
				finally {
					watchdog.exit();
				}
				if (n > 0) {
					position += n;
					failedInARow = 0;
					return n;
				}
				if (n < 0 && (totalLength < 0 || position >= totalLength)) {
					return -1;
				}
				if (n < 0) {
					failure = new EOFException("the connection closed after " + position + " of " + totalLength + " bytes");
				}
				else {
					continue;
				}
			}
			catch (InterruptedIOException ex) {
				throw ex;
			}
			catch (IOException ex) {
				if (closed) {
					throw ex;
				}
				failure = watchdog.fired() ? new Stalled(client.idleTimeout()) : ex;
			}
			watchdog.reset();
			try {
				reconnect(failure);
			}
			catch (IOException ex) {
				fatal = ex;
				throw ex;
			}
		}
	}

	private void reconnect(IOException failure) throws IOException {
		closeQuietly(body);
		failedInARow++;
		if (etag == null || etag.startsWith("W/")) {
			throw new FatalTransferException("Fatal: " + what + " failed: " + Retrier.describe(failure)
					+ "; the server gave no strong ETag, so the download cannot be resumed", failedInARow, failure);
		}
		long resumeAt = position;
		int before = failedInARow;
		int[] tries = { 0 };
		Ranged next = client.retrier().resume(what, Retrier.Safety.IDEMPOTENT, () -> {
			tries[0]++;
			Ranged ranged = client.fetchRange(path, resumeAt, etag);
			if (!etag.equals(ranged.etag())) {
				closeQuietly(ranged.body());
				throw new NotRetryable(null, "the file changed on the server during the download");
			}
			if (ranged.start() != resumeAt) {
				// Same representation, but the server ignored the range: skip what we already have.
				try {
					ranged.body().skipNBytes(resumeAt - ranged.start());
				}
				catch (IOException ex) {
					closeQuietly(ranged.body());
					throw ex;
				}
			}
			return ranged;
		}, before, failure);
		failedInARow = before + tries[0] - 1;
		body = next.body();
	}

	@Override
	public void close() throws IOException {
		if (!closed) {
			closed = true;
			watchdog.close();
			body.close();
		}
	}

	private static void closeQuietly(InputStream in) {
		try {
			in.close();
		}
		catch (IOException ex) {
			// Already broken; the failure that brought us here is the one to report.
		}
	}

}
