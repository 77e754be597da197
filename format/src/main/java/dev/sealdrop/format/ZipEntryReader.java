package dev.sealdrop.format;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;

/**
 * The one-pass view of a ZIP as a sequence of local headers (FORMAT.md §9), with Commons Compress's
 * errors mapped onto the format's: a ZIP structure error is a malformed archive, an early end of
 * input is an integrity failure (truncation), and the archive stream's own I/O errors pass
 * unchanged. {@link #close()} closes the archive stream.
 */
final class ZipEntryReader implements AutoCloseable {

	private final ZipArchiveInputStream zip;

	private final SourceStream source;

	ZipEntryReader(InputStream in) {
		this.source = new SourceStream(in);
		// no Unicode extra fields: the name is what the local header says, nothing else can rename it
		this.zip = new ZipArchiveInputStream(this.source, "UTF-8", false, false);
	}

	/**
	 * Maps an exception from Commons Compress: the archive stream's own I/O errors pass unchanged,
	 * anything Commons Compress raised about the bytes is the archive's fault.
	 */
	private IOException map(IOException ex, String where) {
		if (ex instanceof SealdropException || ex == this.source.failure) {
			return ex;
		}
		String message = String.valueOf(ex.getMessage());
		if (ex instanceof EOFException || message.contains("Truncated") || message.contains("truncated")) {
			return new IntegrityException("archive truncated " + where);
		}
		return new MalformedArchiveException("not a valid ZIP " + where);
	}

	/** Remembers the underlying stream's failure, to tell it from Commons Compress's complaints. */
	private static final class SourceStream extends java.io.FilterInputStream {

		private IOException failure;

		SourceStream(InputStream in) {
			super(in);
		}

		@Override
		public int read() throws IOException {
			try {
				return this.in.read();
			}
			catch (IOException ex) {
				this.failure = ex;
				throw ex;
			}
		}

		@Override
		public int read(byte[] b, int off, int len) throws IOException {
			try {
				return this.in.read(b, off, len);
			}
			catch (IOException ex) {
				this.failure = ex;
				throw ex;
			}
		}

		@Override
		public long skip(long n) throws IOException {
			try {
				return this.in.skip(n);
			}
			catch (IOException ex) {
				this.failure = ex;
				throw ex;
			}
		}

	}

	/** The next local header, or {@code null} at the central directory. */
	ZipArchiveEntry next(String after) throws IOException {
		try {
			return this.zip.getNextEntry();
		}
		catch (IOException ex) {
			throw map(ex, "after " + after);
		}
		catch (RuntimeException ex) {
			throw new MalformedArchiveException("not a valid ZIP after " + after);
		}
	}

	/**
	 * Checks that an entry is a plain STORED file with its size and CRC-32 in the local header (§9).
	 */
	static void requireStored(ZipArchiveEntry entry) throws MalformedArchiveException {
		String name = entry.getName();
		if (entry.isDirectory()) {
			throw new MalformedArchiveException("entry '" + Json.printable(name) + "': directory entries are not allowed");
		}
		if (entry.getGeneralPurposeBit().usesEncryption()) {
			throw new MalformedArchiveException("entry '" + Json.printable(name) + "': encrypted entries are not allowed");
		}
		if (entry.getMethod() != ZipArchiveEntry.STORED) {
			throw new MalformedArchiveException("entry '" + Json.printable(name) + "': compressed (method "
					+ entry.getMethod() + "); entries must be STORED");
		}
		if (entry.getGeneralPurposeBit().usesDataDescriptor()) {
			throw new MalformedArchiveException("entry '" + Json.printable(name) + "': data descriptor on a STORED entry");
		}
		if (entry.getSize() < 0 || entry.getCompressedSize() != entry.getSize()) {
			throw new MalformedArchiveException("entry '" + Json.printable(name) + "': sizes missing from the local header");
		}
	}

	/**
	 * Reads the current STORED entry's data, exactly its declared size, into {@code buffer}, and checks
	 * its CRC-32.
	 */
	void readFully(ZipArchiveEntry entry, byte[] buffer, int length) throws IOException {
		String name = Json.printable(entry.getName());
		int n = 0;
		try {
			while (n < length) {
				int r = this.zip.read(buffer, n, length - n);
				if (r < 0) {
					break;
				}
				n += r;
			}
			if (n == length && this.zip.read() != -1) {
				throw new MalformedArchiveException("entry '" + name + "': longer than its stored size");
			}
		}
		catch (IOException ex) {
			throw map(ex, "in entry '" + name + "'");
		}
		if (n != length) {
			throw new IntegrityException("entry '" + name + "': archive truncated");
		}
		CRC32 crc = new CRC32();
		crc.update(buffer, 0, length);
		if (crc.getValue() != entry.getCrc()) {
			throw new IntegrityException("entry '" + name + "': CRC-32 does not match");
		}
	}

	/** Reads the current entry's data as a stream (for the trailer, which can be long), with errors mapped. */
	InputStream data() {
		return new java.io.FilterInputStream(this.zip) {

			@Override
			public int read() throws IOException {
				try {
					return this.in.read();
				}
				catch (IOException ex) {
					throw map(ex, "in the current entry");
				}
			}

			@Override
			public int read(byte[] b, int off, int len) throws IOException {
				try {
					return this.in.read(b, off, len);
				}
				catch (IOException ex) {
					throw map(ex, "in the current entry");
				}
			}

		};
	}

	@Override
	public void close() throws IOException {
		this.zip.close();
	}

}
