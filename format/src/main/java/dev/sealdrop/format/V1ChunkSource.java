package dev.sealdrop.format;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;

/**
 * Reads the chunks of a v1 archive in one pass (FORMAT.md §6.3, §7, §9). A chunk is returned only
 * after it opened under its own counter and with the last-chunk flag the following local header
 * implies; the last chunk only after {@code checksums.txt} and the sealed digest verified and
 * nothing follows. Holds one sealed chunk and its plaintext at a time.
 * <p>
 * The plaintext array of a full chunk is valid until the following {@link #next()}: two such arrays
 * are used in turn (1 MiB arrays are humongous allocations in a small G1 heap), one being hashed on
 * another thread while the next chunk opens into the other. The sealed array is new for every chunk,
 * because {@link ArchiveReader.Chunk} hands it out, unless {@link #reuseSealedBuffer()} was called.
 */
final class V1ChunkSource implements ChunkSource {

	private final ZipEntryReader zip;

	private final MetadataCodec.V1 metadata;

	private final long metadataLength;

	private final long metadataCrc;

	private final ArchiveHeader header;

	private final FileKey fileKey;

	private final DerivedKeys keys;

	private final ChunkSealer sealer;

	private final byte[] headerHash;

	private final long maxChunks;

	private final BackgroundSha256 plaintextSha256 = new BackgroundSha256();

	private final byte[][] fullChunks = new byte[2][];

	private int nextFull;

	private boolean reuseSealed;

	private byte[] fullSealed;

	private final ChunkDigests sealedHashes;

	/** The CRC-32 of the sealed chunk returned last, as its entry recorded it and the read verified. */
	private long lastSealedCrc32;

	private ZipArchiveEntry pending;

	private long index;

	private long plaintextLength;

	private boolean done;

	private byte[] sha256;

	private byte[] sealedDigest;

	V1ChunkSource(ArchiveProbe.V1 probe, ArchiveHeader header, FileKey fileKey, DerivedKeys keys, ReaderLimits limits) {
		this.zip = probe.zip();
		this.metadata = probe.metadata();
		this.metadataLength = probe.metadataBytes();
		this.metadataCrc = probe.metadataCrc();
		this.header = header;
		this.fileKey = fileKey;
		this.keys = keys;
		this.headerHash = this.metadata.payload().hash();
		this.sealer = new ChunkSealer(keys.payloadKey(), this.headerHash);
		this.maxChunks = limits.maxChunks();
		// past ~29 000 chunks the checksums go to a file, beside a spooled archive's
		this.sealedHashes = new ChunkDigests(new ChunkTable(ChunkTable.DEFAULT_MEMORY_RECORDS, limits.spoolDir()));
	}

	/**
	 * Reads full sealed chunks into one reused array, valid until the next {@link #next()}: for
	 * readers that use only the plaintext.
	 */
	void reuseSealedBuffer() {
		this.reuseSealed = true;
	}

	/** Reads the local header after {@code metadata.json}; it must be the first chunk's. */
	void start() throws IOException {
		this.pending = this.zip.next(ArchiveLayout.METADATA);
		expectChunkOrTrailer(this.pending, 0, ArchiveLayout.METADATA);
		if (ArchiveLayout.CHECKSUMS.equals(this.pending.getName())) {
			throw new IntegrityException("entry 'checksums.txt' out of order: expected '" + ArchiveLayout.chunkEntry(0) + "'");
		}
	}

	@Override
	public ArchiveHeader header() {
		return this.header;
	}

	@Override
	public PayloadHeader payload() {
		return this.metadata.payload();
	}

	@Override
	public FileKey fileKey() {
		return this.fileKey;
	}

	@Override
	public byte[] sha256() {
		return (this.sha256 != null) ? this.sha256.clone() : null;
	}

	/** The SHA-256 of the sealed chunk {@link #next()} returned last. */
	byte[] lastSealedSha256() {
		return this.sealedHashes.last();
	}

	/** The CRC-32 of the sealed chunk {@link #next()} returned last, as its entry recorded and the read verified. */
	long lastSealedCrc32() {
		return this.lastSealedCrc32;
	}

	/** The trailer's {@code sealed_sha256}, once verified. */
	byte[] sealedDigest() {
		return (this.sealedDigest != null) ? this.sealedDigest.clone() : null;
	}

	@Override
	public Opened next() throws IOException {
		try {
			return nextChunk();
		}
		catch (UncheckedIOException ex) {
			// the chunk table's temporary file failed
			throw ex.getCause();
		}
	}

	private Opened nextChunk() throws IOException {
		if (this.done) {
			return null;
		}
		long i = this.index;
		PayloadHeader payload = this.metadata.payload();
		String label = "chunk " + (i + 1);
		if (i >= this.maxChunks) {
			throw new MalformedArchiveException(label + ": more chunks than the reader's limit of " + this.maxChunks);
		}
		ZipArchiveEntry entry = this.pending;
		ZipEntryReader.requireStored(entry);
		long size = entry.getSize();
		long total = payload.totalChunks();
		if (total >= 0 && i >= total) {
			throw new IntegrityException(label + ": more chunks than total_chunks " + total);
		}
		long expected = (total >= 0) ? ArchiveLayout.sealedChunkSize(payload, i) : -1;
		if (size < Gcm.TAG_LENGTH || size > payload.chunkSize() + Gcm.TAG_LENGTH || (expected >= 0 && size != expected)) {
			throw new IntegrityException(label + ": sealed length " + size + " is not what the header implies");
		}
		byte[] sealed = sealedBuffer((int) size);
		this.zip.readFully(entry, sealed, sealed.length);
		// hashed on another thread while the chunk opens; a mismatch with metadata.json is still the
		// error reported first, as if it were checked before anything else
		this.sealedHashes.addLater(sealed, 0, sealed.length, entry.getCrc());
		this.lastSealedCrc32 = entry.getCrc();

		// the next local header says whether this chunk is the last (§6.3)
		boolean last;
		try {
			this.pending = this.zip.next(ArchiveLayout.chunkEntry(i));
			expectChunkOrTrailer(this.pending, i + 1, ArchiveLayout.chunkEntry(i));
			last = ArchiveLayout.CHECKSUMS.equals(this.pending.getName());
			if (last && total >= 0 && i + 1 != total) {
				throw new IntegrityException(label + ": the archive ends after " + (i + 1) + " of " + total + " chunks");
			}
		}
		catch (IOException | RuntimeException ex) {
			checkListedSha256(i, label);
			throw ex;
		}
		byte[] plaintext = plaintextBuffer(sealed.length - Gcm.TAG_LENGTH);
		boolean opened = this.sealer.open(i, last, sealed, 0, sealed.length, plaintext, 0) >= 0;
		checkListedSha256(i, label);
		if (!opened) {
			throw new IntegrityException(label + ": authentication failed" + (last ? " as the last chunk" : ""));
		}
		if (!last && plaintext.length != payload.chunkSize()) {
			throw new IntegrityException(label + ": a chunk before the last is not full");
		}
		if (last && plaintext.length == 0 && i > 0) {
			throw new IntegrityException(label + ": an empty last chunk after other chunks");
		}
		// waits for the previous chunk's hash: the array the next chunk opens into is then free
		this.plaintextSha256.update(plaintext, 0, plaintext.length);
		this.plaintextLength += plaintext.length;
		this.index++;
		if (last) {
			finish();
		}
		return new Opened(i, last, sealed, plaintext);
	}

	// always waits for the chunk's hash: its array may be reused once next() returns
	private void checkListedSha256(long i, String label) throws IntegrityException {
		byte[] actual = this.sealedHashes.last();
		byte[][] listed = this.metadata.chunkSha256();
		if (i < listed.length && listed[(int) i] != null && !MessageDigest.isEqual(listed[(int) i], actual)) {
			throw new IntegrityException(label + ": sha256 does not match metadata.json");
		}
	}

	// the sealed array is no longer read once next() returns: its hash was awaited
	private byte[] sealedBuffer(int length) {
		if (!this.reuseSealed || length != this.metadata.payload().chunkSize() + Gcm.TAG_LENGTH) {
			return new byte[length];
		}
		if (this.fullSealed == null) {
			this.fullSealed = new byte[length];
		}
		return this.fullSealed;
	}

	private byte[] plaintextBuffer(int length) {
		if (length != this.metadata.payload().chunkSize()) {
			return new byte[length];
		}
		int which = this.nextFull;
		this.nextFull = 1 - which;
		if (this.fullChunks[which] == null) {
			this.fullChunks[which] = new byte[length];
		}
		return this.fullChunks[which];
	}

	private void finish() throws IOException {
		long chunks = this.index;
		PayloadHeader payload = this.metadata.payload();
		if (payload.originalSize() >= 0 && this.plaintextLength != payload.originalSize()) {
			throw new IntegrityException("the plaintext length does not match original_size");
		}
		byte[] sealedDigest = readTrailer(this.pending, chunks);
		byte[] sealedSha = SealedDigest.open(this.keys.digestKey(), this.headerHash, this.plaintextLength, chunks,
				sealedDigest);
		if (sealedSha == null) {
			throw new IntegrityException("checksums.txt: sealed_sha256 does not authenticate");
		}
		byte[] computed = this.plaintextSha256.digest();
		if (!MessageDigest.isEqual(sealedSha, computed)) {
			throw new IntegrityException("checksums.txt: the sealed SHA-256 does not match the plaintext");
		}
		// the framing last: what the entries say is wrong is the better report
		this.zip.requireCanonicalEnd(new ArchiveFrame(payload, this.plaintextLength, this.metadataLength,
				this.metadataCrc, this.sealedHashes.table(), sealedDigest));
		this.sha256 = computed;
		this.sealedDigest = sealedDigest;
		this.done = true;
	}

	// checksums.txt is read line by line against the exact lines expected: its length is known in
	// advance, so nothing of unbounded size is buffered
	private byte[] readTrailer(ZipArchiveEntry entry, long chunks) throws IOException {
		ZipEntryReader.requireStored(entry);
		long expectedLength = ArchiveLayout.trailerLength(chunks);
		if (entry.getSize() != expectedLength) {
			throw new IntegrityException("checksums.txt: length " + entry.getSize() + ", expected " + expectedLength);
		}
		InputStream data = this.zip.data();
		java.util.zip.CRC32 crc = new java.util.zip.CRC32();
		ChunkTable hashes = this.sealedHashes.table();
		for (long i = 0; i < chunks; i++) {
			String line = readLine(data, crc, "chunk_" + (i + 1));
			String expected = "chunk_" + (i + 1) + ": " + Hex.encode(hashes.sha256(i));
			if (!line.startsWith("chunk_" + (i + 1) + ": ")) {
				throw new MalformedArchiveException("checksums.txt: line " + (i + 1) + " is not chunk_" + (i + 1));
			}
			if (!line.equals(expected)) {
				throw new IntegrityException("checksums.txt: chunk_" + (i + 1) + " does not match");
			}
		}
		String line = readLine(data, crc, "sealed_sha256");
		if (!line.startsWith("sealed_sha256: ")) {
			throw new MalformedArchiveException("checksums.txt: last line is not sealed_sha256");
		}
		byte[] sealedDigest;
		try {
			sealedDigest = Base64Strict.decode(line.substring("sealed_sha256: ".length()));
		}
		catch (IllegalArgumentException ex) {
			throw new MalformedArchiveException("checksums.txt: sealed_sha256 is " + ex.getMessage());
		}
		if (sealedDigest.length != SealedDigest.LENGTH) {
			throw new MalformedArchiveException("checksums.txt: sealed_sha256 is not 48 bytes");
		}
		if (data.read() != -1) {
			throw new MalformedArchiveException("checksums.txt: data after sealed_sha256");
		}
		if (crc.getValue() != entry.getCrc()) {
			throw new IntegrityException("entry 'checksums.txt': CRC-32 does not match");
		}
		return sealedDigest;
	}

	private static String readLine(InputStream data, java.util.zip.CRC32 crc, String what) throws IOException {
		StringBuilder line = new StringBuilder(96);
		while (true) {
			int b;
			try {
				b = data.read();
			}
			catch (java.io.EOFException ex) {
				throw new IntegrityException("checksums.txt: archive truncated");
			}
			if (b < 0) {
				throw new MalformedArchiveException("checksums.txt: ends before " + what);
			}
			crc.update(b);
			if (b == '\n') {
				return line.toString();
			}
			if (b < 0x20 || b > 0x7e || line.length() > 100) {
				throw new MalformedArchiveException("checksums.txt: not the expected ASCII line for " + what);
			}
			line.append((char) b);
		}
	}

	// Any name of the chunk sequence in the wrong place is a broken sequence (an integrity failure:
	// dropped, duplicated, reordered or truncated chunks); any other name is a malformed archive.
	private static void expectChunkOrTrailer(ZipArchiveEntry entry, long index, String after) throws SealdropException {
		if (entry == null) {
			throw new IntegrityException("archive truncated: no entry after '" + after + "'");
		}
		String name = entry.getName();
		String expected = ArchiveLayout.chunkEntry(index);
		if (name.equals(expected) || (index > 0 && ArchiveLayout.CHECKSUMS.equals(name))) {
			return;
		}
		if (isChunkName(name) || ArchiveLayout.CHECKSUMS.equals(name)) {
			throw new IntegrityException("entry '" + name + "' out of order: expected '" + expected + "'");
		}
		throw new MalformedArchiveException("unexpected entry '" + Json.printable(name) + "': expected '" + expected + "'");
	}

	private static boolean isChunkName(String name) {
		return name.matches("chunks/chunk_[1-9][0-9]{0,9}\\.enc");
	}

	@Override
	public void close() throws IOException {
		try {
			this.zip.close();
		}
		finally {
			this.sealedHashes.close();
		}
	}

}
