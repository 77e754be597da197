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
 * <p>
 * It also compares every local header, byte for byte, with the one a v1 writer emits for the same
 * name, size and CRC-32 ({@link ArchiveFrame#localHeader}), and can compare everything after the
 * last entry with the central directory and end records of an {@link ArchiveFrame}: a v1 archive's
 * framing is canonical, so that no byte of it can change unnoticed. Commons Compress parses a header
 * from bytes it has already pulled through here, so the last of them are kept ({@link RecentBytes})
 * to look at it again.
 */
final class ZipEntryReader implements AutoCloseable {

	private final ZipArchiveInputStream zip;

	private final SourceStream source;

	/** Where the next local header starts if every one so far was canonical. */
	private long nextHeader;

	/** The first local header that was not canonical, or null. */
	private String notCanonical;

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

	/**
	 * Remembers the underlying stream's failure, to tell it from Commons Compress's complaints, and
	 * the bytes read last, with their offsets in the archive.
	 */
	private static final class SourceStream extends java.io.FilterInputStream {

		private IOException failure;

		private final RecentBytes recent = new RecentBytes();

		SourceStream(InputStream in) {
			super(in);
		}

		@Override
		public int read() throws IOException {
			int b;
			try {
				b = this.in.read();
			}
			catch (IOException ex) {
				this.failure = ex;
				throw ex;
			}
			if (b >= 0) {
				this.recent.add(b);
			}
			return b;
		}

		@Override
		public int read(byte[] b, int off, int len) throws IOException {
			int n;
			try {
				n = this.in.read(b, off, len);
			}
			catch (IOException ex) {
				this.failure = ex;
				throw ex;
			}
			if (n > 0) {
				this.recent.add(b, off, n);
			}
			return n;
		}

		// through read(), so that no byte passes unseen
		@Override
		public long skip(long n) throws IOException {
			byte[] skipped = new byte[(int) Math.min(n, 8192)];
			int r = read(skipped, 0, skipped.length);
			return Math.max(r, 0);
		}

	}

	/** The next local header, or {@code null} at the central directory. */
	ZipArchiveEntry next(String after) throws IOException {
		ZipArchiveEntry entry;
		try {
			entry = this.zip.getNextEntry();
		}
		catch (IOException ex) {
			throw map(ex, "after " + after);
		}
		catch (RuntimeException ex) {
			throw new MalformedArchiveException("not a valid ZIP after " + after);
		}
		if (entry != null) {
			checkCanonical(entry);
		}
		return entry;
	}

	// Judged now, while the header's bytes are kept; a verdict against is reported by
	// requireCanonicalHeaders, after the checks that say more about what is wrong.
	private void checkCanonical(ZipArchiveEntry entry) {
		if (this.notCanonical != null) {
			return;
		}
		byte[] name = entry.getRawName();
		long size = entry.getSize();
		long crc = entry.getCrc();
		boolean plain = entry.getMethod() == ZipArchiveEntry.STORED && name != null && size >= 0 && size < 0xFFFFFFFFL
				&& crc >= 0;
		byte[] canonical = plain ? ArchiveFrame.localHeader(name, crc, size) : null;
		if (canonical == null || !this.source.recent.matches(this.nextHeader, canonical)) {
			this.notCanonical = "the local header of '" + Json.printable(entry.getName()) + "'";
			return;
		}
		this.nextHeader += canonical.length + size;
	}

	/**
	 * Throws unless every local header read so far is byte for byte what a v1 writer emits (FORMAT.md
	 * §9): no extra fields, no other flags, versions or times.
	 */
	private void requireCanonicalHeaders() throws MalformedArchiveException {
		if (this.notCanonical != null) {
			throw new MalformedArchiveException(this.notCanonical + " is not in the form FORMAT.md §9 prescribes");
		}
	}

	/**
	 * After the last entry's data was read: checks that the rest of the archive is exactly the
	 * central directory and end records of {@code frame}, and that nothing follows them.
	 */
	void requireCanonicalEnd(ArchiveFrame frame) throws IOException {
		requireCanonicalHeaders();
		long start = this.nextHeader;
		if (start > frame.length()) {
			throw new MalformedArchiveException("the entries are longer than the archive they describe");
		}
		EndCheck check = new EndCheck(start);
		frame.write(start, frame.length() - start, check);
		int extra;
		try {
			extra = check.next();
		}
		catch (java.io.EOFException ex) {
			extra = -1;
		}
		if (extra >= 0) {
			throw new MalformedArchiveException("data after the end of the archive");
		}
	}

	/** Compares generated bytes with the archive's, read past what Commons Compress consumed. */
	private final class EndCheck implements ArchiveFrame.Target {

		private final long start;

		/** Archive offset of the byte {@link #next} returns. */
		private long at;

		private final byte[] buffer = new byte[8192];

		private int buffered;

		private int used;

		EndCheck(long start) {
			this.start = start;
			this.at = start;
		}

		@Override
		public void write(byte[] bytes, int off, int len) throws IOException {
			for (int i = 0; i < len; i++) {
				int actual;
				try {
					actual = next();
				}
				catch (java.io.EOFException ex) {
					throw new IntegrityException("archive truncated in its central directory");
				}
				if (actual != (bytes[off + i] & 0xFF)) {
					// "PK" matched: a 3 where the directory's 1 belongs starts a local header
					String entry = (this.at - 1 == this.start + 2 && actual == 3) ? localHeaderName() : null;
					if (entry != null) {
						throw new MalformedArchiveException("entry '" + Json.printable(entry) + "' after checksums.txt");
					}
					throw new MalformedArchiveException("byte " + (this.at - 1 - this.start)
							+ " of the central directory and end records is not in the form FORMAT.md §9 prescribes");
				}
			}
		}

		@Override
		public void writeChunk(long index, long offset, long length) {
			throw new IllegalStateException("no chunk data after the entries");
		}

		/** The archive's byte at {@link #at}: kept if Commons Compress read it, else read now. */
		int next() throws IOException {
			SourceStream source = ZipEntryReader.this.source;
			int b;
			if (this.used < this.buffered) {
				b = this.buffer[this.used++] & 0xFF;
			}
			else if (this.at < source.recent.position()) {
				b = source.recent.byteAt(this.at);
				if (b < 0) {
					throw new IllegalStateException("Commons Compress read further ahead than kept");
				}
			}
			else {
				int n = source.read(this.buffer, 0, this.buffer.length);
				if (n <= 0) {
					throw new java.io.EOFException();
				}
				this.buffered = n;
				this.used = 1;
				b = this.buffer[0] & 0xFF;
			}
			this.at++;
			return b;
		}

		// After "PK\3": the name of the entry whose local header this is, if it is one, to say what is
		// wrong in the terms of the entries.
		private String localHeaderName() throws IOException {
			try {
				if (next() != 4) {
					return null;
				}
				for (int field = 4; field < 26; field++) {
					next();
				}
				int length = next() | (next() << 8);
				next();
				next();
				byte[] name = new byte[Math.min(length, 255)];
				for (int i = 0; i < name.length; i++) {
					name[i] = (byte) next();
				}
				return new String(name, java.nio.charset.StandardCharsets.UTF_8);
			}
			catch (java.io.EOFException ex) {
				return null;
			}
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
