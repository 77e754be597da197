package dev.sealdrop.format;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;

/**
 * The SHA-256 and CRC-32 of each sealed chunk, in order: what {@code checksums.txt} and the ZIP
 * central directory list. An archive may have up to 2^32 - 1 chunks, so past a bound (1 MiB of
 * records, about 29 000 chunks) the table moves to an unlinked temporary file and keeps only a
 * window of it in memory: the heap a writer or reader needs stays flat whatever the file size.
 * <p>
 * The records are digests of sealed data (listed in the archive anyway), never of plaintext, so
 * the file holds nothing secret; it is still created owner-only and deleted at once. Walks in index
 * order cost one read per window; {@link #close} releases the file (an unspilled table needs none).
 */
final class ChunkTable implements Closeable {

	static final int RECORD = 32 + 4;

	static final int DEFAULT_MEMORY_RECORDS = (1 << 20) / RECORD;

	private static final int WINDOW_RECORDS = (64 * 1024) / RECORD;

	private static final java.util.Set<java.nio.file.OpenOption> SPILL_OPTIONS = java.util.Set.of(
			StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE,
			StandardOpenOption.DELETE_ON_CLOSE);

	private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

	private final int memoryRecords;

	/** Where the records go past the bound, or null for {@code java.io.tmpdir}. */
	private final Path directory;

	private byte[] memory = new byte[16 * RECORD];

	private long size;

	private FileChannel spill;

	/** Records appended since the last write to the file; also the read window's buffer. */
	private ByteBuffer window;

	private long windowStart = -1;

	private int windowRecords;

	ChunkTable() {
		this(DEFAULT_MEMORY_RECORDS);
	}

	/** A table that keeps at most {@code memoryRecords} records in memory before it spills to {@code java.io.tmpdir}. */
	ChunkTable(int memoryRecords) {
		this(memoryRecords, null);
	}

	/** A table that spills past {@code memoryRecords} records into {@code directory} (null: {@code java.io.tmpdir}). */
	ChunkTable(int memoryRecords, Path directory) {
		if (memoryRecords < 1) {
			throw new IllegalArgumentException("memoryRecords");
		}
		this.memoryRecords = memoryRecords;
		this.directory = directory;
	}

	long size() {
		return this.size;
	}

	void add(byte[] sha256, long crc32) {
		if (sha256.length != 32 || crc32 < 0 || crc32 > 0xFFFFFFFFL) {
			throw new IllegalArgumentException("a record is a 32-byte SHA-256 and an unsigned 32-bit CRC");
		}
		if (this.spill == null && this.size < this.memoryRecords) {
			int at = (int) (this.size * RECORD);
			if (at + RECORD > this.memory.length) {
				this.memory = Arrays.copyOf(this.memory, (int) Math.min((long) this.memoryRecords * RECORD, 2L * this.memory.length));
			}
			put(this.memory, at, sha256, crc32);
		}
		else {
			if (this.spill == null) {
				spillMemory();
			}
			if (this.windowStart >= 0 || !this.window.hasRemaining()) {
				flushAppends();
			}
			// big-endian, as put() lays a record out in memory
			this.window.put(sha256).putInt((int) crc32);
		}
		this.size++;
	}

	/** The SHA-256 of chunk {@code index} (0-based). */
	byte[] sha256(long index) {
		byte[] sha = new byte[32];
		read(index, sha, 0, 32);
		return sha;
	}

	/** The CRC-32 of chunk {@code index} (0-based). */
	long crc32(long index) {
		byte[] crc = new byte[4];
		read(index, crc, 32, 4);
		return ((crc[0] & 0xFFL) << 24) | ((crc[1] & 0xFFL) << 16) | ((crc[2] & 0xFFL) << 8) | (crc[3] & 0xFFL);
	}

	/** Whether the records have moved to a file. */
	boolean spilled() {
		return this.spill != null;
	}

	/** Releases the records; the table is empty afterwards. */
	@Override
	public void close() {
		FileChannel channel = this.spill;
		this.spill = null;
		this.window = null;
		this.windowStart = -1;
		this.memory = new byte[0];
		this.size = 0;
		if (channel != null) {
			try {
				channel.close();
			}
			catch (IOException ex) {
				// an unlinked temporary file: nothing is left to clean up, and nothing to tell
			}
		}
	}

	private void read(long index, byte[] into, int offset, int length) {
		if (index < 0 || index >= this.size) {
			throw new IndexOutOfBoundsException(Long.toString(index));
		}
		if (this.spill == null) {
			System.arraycopy(this.memory, (int) (index * RECORD) + offset, into, 0, length);
			return;
		}
		if (this.windowStart < 0 || index < this.windowStart || index >= this.windowStart + this.windowRecords) {
			loadWindow(index);
		}
		this.window.get((int) ((index - this.windowStart) * RECORD) + offset, into, 0, length);
	}

	private static void put(byte[] target, int at, byte[] sha256, long crc32) {
		System.arraycopy(sha256, 0, target, at, 32);
		target[at + 32] = (byte) (crc32 >>> 24);
		target[at + 33] = (byte) (crc32 >>> 16);
		target[at + 34] = (byte) (crc32 >>> 8);
		target[at + 35] = (byte) crc32;
	}

	private void spillMemory() {
		Path directory = (this.directory != null) ? this.directory : Path.of(System.getProperty("java.io.tmpdir"));
		try {
			Path file = null;
			for (int attempt = 0; this.spill == null; attempt++) {
				file = directory.resolve("sealdrop-chunks-" + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
				try {
					// created and opened in one step: never through a link another user put at the name
					this.spill = FileChannel.open(file, SPILL_OPTIONS, ownerOnly());
				}
				catch (java.nio.file.FileAlreadyExistsException ex) {
					if (attempt >= 100) {
						throw ex;
					}
				}
			}
			try {
				// unlinked now where the system allows it, so not even a crash leaves the file behind
				Files.deleteIfExists(file);
			}
			catch (IOException ex) {
				// Windows keeps an open file; DELETE_ON_CLOSE removes it
			}
			writeFully(ByteBuffer.wrap(this.memory, 0, (int) (this.size * RECORD)), 0);
			this.memory = new byte[0];
			this.window = ByteBuffer.allocate(WINDOW_RECORDS * RECORD);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(new IOException(
					"cannot keep the chunk checksums in a temporary file in " + directory + ": " + ex.getMessage(), ex));
		}
	}

	private static FileAttribute<?>[] ownerOnly() {
		if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
			return new FileAttribute<?>[0];
		}
		return new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")) };
	}

	/** Writes the pending appends (if the window holds them) and makes the window an empty append buffer. */
	private void flushAppends() {
		if (this.windowStart < 0 && this.window.position() > 0) {
			this.window.flip();
			long records = this.window.remaining() / RECORD;
			writeFully(this.window, (this.size - records) * RECORD);
		}
		this.window.clear();
		this.windowStart = -1;
		this.windowRecords = 0;
	}

	private void loadWindow(long index) {
		flushAppends();
		int records = (int) Math.min(WINDOW_RECORDS, this.size - index);
		ByteBuffer buffer = this.window;
		buffer.clear().limit(records * RECORD);
		try {
			long position = index * RECORD;
			while (buffer.hasRemaining()) {
				if (this.spill.read(buffer, position + buffer.position()) < 0) {
					throw new IOException("the chunk table file ended early");
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read the chunk table's temporary file", ex);
		}
		this.windowStart = index;
		this.windowRecords = records;
	}

	private void writeFully(ByteBuffer buffer, long position) {
		try {
			long at = position;
			while (buffer.hasRemaining()) {
				at += this.spill.write(buffer, at);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write the chunk table's temporary file", ex);
		}
	}

}
