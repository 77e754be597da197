package dev.sealdrop.format;

import java.io.IOException;
import java.io.InputStream;

/**
 * The plaintext of an archive (FORMAT.md §6, §7). Returns only plaintext that is authenticated and
 * known to be at its position: a chunk is released after its tag verified and the next local header
 * said whether it is the last; end of stream is reported only after the trailer and the sealed
 * whole-file digest verified. Errors are sticky: after the first one every read fails.
 * <p>
 * Plaintext read before a later failure is not final: write it to a temporary place and commit only
 * after reading to the end without error. Holds one chunk at a time. {@link #close()} closes the
 * archive stream.
 */
public final class DecryptingInputStream extends InputStream {

	private final ArchiveReader reader;

	private byte[] chunk = new byte[0];

	private int position;

	private boolean eof;

	DecryptingInputStream(ArchiveReader reader) {
		this.reader = reader;
		// only the plaintext is used here: the sealed chunks need no array of their own each
		reader.reuseSealedBuffers();
	}

	/** The header the archive was opened with. */
	public ArchiveHeader header() {
		return this.reader.header();
	}

	/**
	 * The verified SHA-256 of the whole plaintext (v1: equal to the sealed digest; format 0: computed),
	 * or {@code null} before end of stream.
	 */
	public byte[] sha256() {
		ArchiveReader.Summary summary = this.reader.summary();
		return (this.eof && summary != null) ? summary.sha256().clone() : null;
	}

	@Override
	public int read() throws IOException {
		byte[] one = new byte[1];
		int n = read(one, 0, 1);
		return (n < 0) ? -1 : (one[0] & 0xff);
	}

	@Override
	public int read(byte[] b, int off, int len) throws IOException {
		java.util.Objects.checkFromIndexSize(off, len, b.length);
		if (len == 0) {
			return 0;
		}
		while (this.position == this.chunk.length) {
			if (this.eof) {
				return -1;
			}
			ChunkSource.Opened opened = this.reader.nextOpened();
			if (opened == null) {
				this.eof = true;
				return -1;
			}
			this.chunk = opened.plaintext();
			this.position = 0;
		}
		int n = Math.min(len, this.chunk.length - this.position);
		System.arraycopy(this.chunk, this.position, b, off, n);
		this.position += n;
		return n;
	}

	@Override
	public int available() {
		return this.chunk.length - this.position;
	}

	@Override
	public void close() throws IOException {
		this.reader.close();
	}

}
