package dev.sealdrop.format;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;
import java.util.zip.ZipException;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;

/**
 * The one-pass view of a ZIP as a sequence of local headers (FORMAT.md §9), with Commons Compress's
 * errors mapped onto the format's: a ZIP structure error is a malformed archive, an early end of
 * input is an integrity failure (truncation). Does not close the underlying stream... except
 * through {@link #close()}.
 */
final class ZipEntryReader implements AutoCloseable {

	private final ZipArchiveInputStream zip;

	ZipEntryReader(InputStream in) {
		// no Unicode extra fields: the name is what the local header says, nothing else can rename it
		this.zip = new ZipArchiveInputStream(in, "UTF-8", false, false);
	}

	/** The next local header, or {@code null} at the central directory. */
	ZipArchiveEntry next(String after) throws IOException {
		try {
			return this.zip.getNextEntry();
		}
		catch (EOFException ex) {
			throw new IntegrityException("archive truncated after " + after);
		}
		catch (ZipException ex) {
			throw new MalformedArchiveException("not a valid ZIP after " + after);
		}
		catch (IOException ex) {
			if (ex instanceof SealdropException) {
				throw ex;
			}
			if (ex.getClass().getName().startsWith("org.apache.commons.compress")) {
				throw new MalformedArchiveException("not a valid ZIP after " + after);
			}
			throw ex;
		}
		catch (IllegalArgumentException ex) {
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
		catch (EOFException ex) {
			throw new IntegrityException("entry '" + name + "': archive truncated");
		}
		catch (ZipException ex) {
			throw new MalformedArchiveException("entry '" + name + "': not valid ZIP data");
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

	/** Reads the current entry's data as a stream (for the trailer, which can be long). */
	InputStream data() {
		return this.zip;
	}

	@Override
	public void close() throws IOException {
		this.zip.close();
	}

}
