package dev.sealdrop.format;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Writes a v1 archive (FORMAT.md §1, §9) around chunks that are already sealed: {@code metadata.json}
 * on {@link #create}, one STORED entry per {@link #writeChunk} call, then {@code checksums.txt} and the
 * central directory on {@link #finish}. The output is written strictly forward (no seeking, no data
 * descriptors), so it can go to a pipe or an HTTP body; {@link #length} gives its exact size in
 * advance.
 * <p>
 * The ZIP records are {@link ArchiveFrame}'s: the writer emits the local entries as they come and
 * lets a frame of what it wrote generate {@code checksums.txt} and the central directory, so the
 * two produce the same bytes by construction. What it keeps per chunk is a {@link ChunkTable}
 * record (SHA-256 and CRC-32, 36 bytes), which moves to a temporary file for very long archives.
 * <p>
 * The writer checks that each chunk has the length the layout requires but cannot check that it
 * opens: that is the caller's business. Neither {@link #finish} nor {@link #close} closes the
 * underlying stream; {@link #close} without {@link #finish} leaves an incomplete archive.
 */
public final class ArchiveWriter implements Closeable {

	private final OutputStream out;

	private final PayloadHeader payload;

	private final long totalChunks;

	private final long originalSize;

	private final ChunkDigests chunkHashes = new ChunkDigests();

	private byte[] metadata;

	/** Bytes written to {@code out}. */
	private long position;

	private long written;

	private long plaintextWritten;

	private boolean lastWasShort;

	private boolean finished;

	private ArchiveWriter(OutputStream out, PayloadHeader payload, long totalChunks, long originalSize) {
		this.out = out;
		this.payload = payload;
		this.totalChunks = totalChunks;
		this.originalSize = originalSize;
	}

	/**
	 * Starts an archive and writes its {@code metadata.json}.
	 * @param payload the payload header the chunks were sealed under
	 * @param totalChunks the number of chunks that will follow, or -1 if not known (only when the
	 * payload's size is unknown)
	 * @param originalSize the plaintext length, or -1 if not known (only when the payload's size is
	 * unknown); must equal the payload's when that is known
	 * @param key the file key, wrapped here for each recipient
	 * @param recipients 1 to 16 recipients; the first goes into {@code keys}, the rest into
	 * {@code recipients}
	 * @param chunkSha256OrNull SHA-256 of each sealed chunk, for the optional {@code chunks[].sha256}
	 * members; ignored when the payload's size is unknown (then {@code chunks} is empty) and dropped
	 * when they would make the header exceed 1 MiB
	 */
	public static ArchiveWriter create(OutputStream out, PayloadHeader payload, long totalChunks, long originalSize,
			FileKey key, List<Recipient> recipients, List<byte[]> chunkSha256OrNull) throws IOException {
		if (recipients == null || recipients.isEmpty() || recipients.size() > MetadataCodec.MAX_STANZAS) {
			throw new IllegalArgumentException("an archive has 1 to 16 recipients");
		}
		List<RecipientStanza> stanzas = new ArrayList<>();
		for (Recipient recipient : recipients) {
			stanzas.add(RecipientStanza.wrap(key, recipient));
		}
		return create(out, payload, totalChunks, originalSize, stanzas, chunkSha256OrNull);
	}

	/**
	 * Starts an archive with stanzas made before (e.g. kept by a server, so that every archive of one
	 * file for one key is the same bytes) and writes its {@code metadata.json}. The writer cannot check
	 * that the stanzas wrap the key the chunks were sealed under: that is the caller's business.
	 * @param stanzas 1 to 16 stanzas; the first goes into {@code keys}, the rest into {@code recipients}
	 * @see #create(OutputStream, PayloadHeader, long, long, FileKey, List, List)
	 */
	public static ArchiveWriter create(OutputStream out, PayloadHeader payload, long totalChunks, long originalSize,
			List<RecipientStanza> stanzas, List<byte[]> chunkSha256OrNull) throws IOException {
		checkSizes(payload, totalChunks, originalSize);
		if (stanzas == null || stanzas.isEmpty() || stanzas.size() > MetadataCodec.MAX_STANZAS) {
			throw new IllegalArgumentException("an archive has 1 to 16 recipients");
		}
		List<byte[]> hashes = usableHashes(payload, chunkSha256OrNull);
		if (hashes != null) {
			for (byte[] hash : hashes) {
				if (hash == null || hash.length != 32) {
					throw new IllegalArgumentException("chunk SHA-256 values must be 32 bytes");
				}
			}
		}
		List<Stanza> encoded = new ArrayList<>();
		for (RecipientStanza stanza : stanzas) {
			encoded.add(stanza.stanza());
		}
		byte[] metadata = metadata(payload, encoded, hashes);
		ArchiveWriter writer = new ArchiveWriter(out, payload, totalChunks, originalSize);
		writer.metadata = metadata;
		writer.writeEntry(ArchiveLayout.METADATA, metadata, 0, metadata.length);
		return writer;
	}

	/**
	 * The exact byte length of the archive {@link #create} and the following calls write, so a server
	 * can send {@code Content-Length} before streaming it.
	 * @param totalChunks the number of chunks (must match {@code originalSize})
	 * @param originalSize the plaintext length (must equal the payload's when that is known)
	 * @param recipients the number of recipient stanzas, 1 to 16
	 * @param withChunkSha256 whether chunk SHA-256 values will be passed to {@link #create}
	 */
	public static long length(PayloadHeader payload, long totalChunks, long originalSize, int recipients,
			boolean withChunkSha256) {
		checkSizes(payload, totalChunks, originalSize);
		if (totalChunks < 0 || originalSize < 0 || totalChunks != PayloadHeader.chunksFor(originalSize, payload.chunkSize())) {
			throw new IllegalArgumentException("the length needs the true chunk count and plaintext length");
		}
		if (recipients < 1 || recipients > MetadataCodec.MAX_STANZAS) {
			throw new IllegalArgumentException("an archive has 1 to 16 recipients");
		}
		List<Stanza> stanzas = new ArrayList<>();
		for (int i = 0; i < recipients; i++) {
			stanzas.add(Stanza.placeholder());
		}
		List<byte[]> hashes = null;
		if (withChunkSha256 && payload.totalChunks() > 0) {
			hashes = new ArrayList<>();
			for (long i = 0; i < payload.totalChunks(); i++) {
				hashes.add(new byte[32]);
			}
		}
		long metadata = metadata(payload, stanzas, usableHashes(payload, hashes)).length;
		return ArchiveLayout.zipLength(metadata, originalSize, payload.chunkSize(), totalChunks);
	}

	/** Whether the header of a payload of known size stays within 1 MiB (without chunk hashes). */
	static boolean headerFits(PayloadHeader payload, int recipients) {
		// every chunks[] entry takes more than 50 bytes: avoid building a hopeless header
		if (payload.totalChunks() > MetadataCodec.MAX_BYTES / 50) {
			return false;
		}
		List<Stanza> stanzas = new ArrayList<>();
		for (int i = 0; i < recipients; i++) {
			stanzas.add(Stanza.placeholder());
		}
		return MetadataCodec.write(payload, stanzas, null).length <= MetadataCodec.MAX_BYTES;
	}

	private static void checkSizes(PayloadHeader payload, long totalChunks, long originalSize) {
		if (totalChunks > ArchiveLayout.MAX_CHUNKS) {
			throw new IllegalArgumentException("too many chunks: a v1 archive holds at most " + ArchiveLayout.MAX_CHUNKS);
		}
		if (payload.originalSize() >= 0) {
			if (originalSize != payload.originalSize() || totalChunks != payload.totalChunks()) {
				throw new IllegalArgumentException("original size and chunk count must match the payload header");
			}
		}
		else if ((originalSize < 0) != (totalChunks < 0)) {
			throw new IllegalArgumentException("give both the chunk count and the plaintext length, or neither");
		}
		else if (originalSize >= 0 && totalChunks != PayloadHeader.chunksFor(originalSize, payload.chunkSize())) {
			throw new IllegalArgumentException("chunk count does not match the plaintext length");
		}
	}

	private static List<byte[]> usableHashes(PayloadHeader payload, List<byte[]> hashes) {
		if (hashes == null || payload.totalChunks() < 0) {
			return null;
		}
		if (hashes.size() != payload.totalChunks()) {
			throw new IllegalArgumentException("one SHA-256 per chunk is required");
		}
		return hashes;
	}

	// The header must stay within the readers' 1 MiB: the optional hashes go first, and a header
	// that is still too large cannot be written (§4).
	static byte[] metadata(PayloadHeader payload, List<Stanza> stanzas, List<byte[]> hashes) {
		byte[] metadata = MetadataCodec.write(payload, stanzas, hashes);
		if (metadata.length > MetadataCodec.MAX_BYTES && hashes != null) {
			metadata = MetadataCodec.write(payload, stanzas, null);
		}
		if (metadata.length > MetadataCodec.MAX_BYTES) {
			throw new IllegalArgumentException("the header would exceed 1 MiB: too many chunks for a header of known size");
		}
		return metadata;
	}

	/** Writes the next sealed chunk as its own STORED entry. */
	public void writeChunk(byte[] sealed, int off, int len) throws IOException {
		writeChunk(sealed, off, len, false);
	}

	/**
	 * Like {@link #writeChunk(byte[], int, int)}, but hashes the chunk for {@code checksums.txt} on
	 * another thread: {@code sealed} must stay unmodified until the next {@code writeChunk} or
	 * {@link #finish} has returned.
	 */
	void writeChunkHashingLater(byte[] sealed, int off, int len) throws IOException {
		writeChunk(sealed, off, len, true);
	}

	private void writeChunk(byte[] sealed, int off, int len, boolean hashLater) throws IOException {
		checkOpen();
		long index = this.written;
		if (this.totalChunks >= 0 && index >= this.totalChunks) {
			throw new IllegalStateException("all " + this.totalChunks + " chunks are written");
		}
		if (index >= ArchiveLayout.MAX_CHUNKS) {
			throw new IllegalStateException("too many chunks: a v1 archive holds at most " + ArchiveLayout.MAX_CHUNKS);
		}
		if (len < Gcm.TAG_LENGTH || len > this.payload.chunkSize() + Gcm.TAG_LENGTH) {
			throw new IllegalArgumentException("chunk " + index + ": sealed length out of range");
		}
		if (this.originalSize >= 0 && len != ArchiveLayout.sealedChunkSize(this.originalSize, this.payload.chunkSize(), index)) {
			throw new IllegalArgumentException("chunk " + index + ": sealed length does not match the layout");
		}
		// of unknown size, only the last chunk may be short, and only a lone chunk empty (§8)
		if (this.lastWasShort || (index > 0 && len == Gcm.TAG_LENGTH)) {
			throw new IllegalArgumentException("chunk " + index + ": only the last chunk may be short");
		}
		long crc = writeEntry(ArchiveLayout.chunkEntry(index), sealed, off, len);
		try {
			if (hashLater) {
				this.chunkHashes.addLater(sealed, off, len, crc);
			}
			else {
				this.chunkHashes.add(sealed, off, len, crc);
			}
		}
		catch (UncheckedIOException ex) {
			throw ex.getCause();
		}
		this.written++;
		this.plaintextWritten += len - Gcm.TAG_LENGTH;
		this.lastWasShort = len < this.payload.chunkSize() + Gcm.TAG_LENGTH;
	}

	/**
	 * Writes the next sealed chunk from a stream of exactly {@code length} bytes. The chunk is
	 * buffered once (at most chunk size + 16 bytes), because a STORED entry's header carries its CRC-32.
	 * Does not close {@code sealed}.
	 */
	public void writeChunk(InputStream sealed, long length) throws IOException {
		checkOpen();
		if (length < Gcm.TAG_LENGTH || length > this.payload.chunkSize() + Gcm.TAG_LENGTH) {
			throw new IllegalArgumentException("chunk " + this.written + ": sealed length out of range");
		}
		byte[] buffer = sealed.readNBytes((int) length);
		if (buffer.length != length) {
			throw new java.io.EOFException("chunk " + this.written + ": stream ended after " + buffer.length + " bytes");
		}
		writeChunk(buffer, 0, buffer.length);
	}

	/**
	 * Writes {@code checksums.txt} with the given sealed digest and the central directory, and flushes.
	 * Does not close the underlying stream.
	 */
	public void finish(byte[] sealedDigest) throws IOException {
		checkOpen();
		if (this.totalChunks >= 0 ? this.written != this.totalChunks : this.written == 0) {
			throw new IllegalStateException("wrote " + this.written + " chunks, expected " + Math.max(1, this.totalChunks));
		}
		if (this.originalSize >= 0 && this.plaintextWritten != this.originalSize) {
			throw new IllegalStateException("the chunks do not add up to the original size");
		}
		if (sealedDigest == null || sealedDigest.length != SealedDigest.LENGTH) {
			throw new IllegalArgumentException("the sealed digest is 48 bytes");
		}
		// the chunk table's temporary file may fail while the frame reads it back
		try {
			writeRest(new ArchiveFrame(this.payload, this.plaintextWritten, this.metadata, this.chunkHashes.table(),
					sealedDigest));
		}
		catch (UncheckedIOException ex) {
			throw ex.getCause();
		}
		this.out.flush();
		this.finished = true;
	}

	// everything from checksums.txt on is generated; the frame asks for no chunk there
	private void writeRest(ArchiveFrame frame) throws IOException {
		frame.write(this.position, frame.length() - this.position, new ArchiveFrame.Target() {
			@Override
			public void write(byte[] bytes, int off, int len) throws IOException {
				ArchiveWriter.this.out.write(bytes, off, len);
			}

			@Override
			public void writeChunk(long index, long offset, long length) {
				throw new IllegalStateException("the frame disagrees with the entries written");
			}
		});
		this.position = frame.length();
	}

	/** Chunks written so far. */
	long chunksWritten() {
		return this.written;
	}

	/**
	 * Releases the writer and what it kept per chunk. Does not finish the archive and does not close
	 * the underlying stream.
	 */
	@Override
	public void close() {
		this.finished = true;
		this.chunkHashes.close();
	}

	/** Writes a STORED entry with size and CRC-32 in its local header (no data descriptor, §9). */
	private long writeEntry(String name, byte[] data, int off, int len) throws IOException {
		CRC32 crc = new CRC32();
		crc.update(data, off, len);
		byte[] header = ArchiveFrame.localHeader(name.getBytes(StandardCharsets.US_ASCII), crc.getValue(), len);
		this.out.write(header);
		this.out.write(data, off, len);
		this.position += header.length + len;
		return crc.getValue();
	}

	private void checkOpen() {
		if (this.finished) {
			throw new IllegalStateException("the archive writer is finished or closed");
		}
	}

	static MessageDigest sha256() {
		return Sha256.newDigest();
	}

}
