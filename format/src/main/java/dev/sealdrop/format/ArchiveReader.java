package dev.sealdrop.format;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.zip.CRC32;

/**
 * Reads an archive chunk by chunk for a holder of one of its keys, verifying everything FORMAT.md
 * asks of a reader (§6.3, §7, §9; §12 for format 0). This is the lower-level API for a server that
 * stores sealed chunks as they arrive: {@link #next()} hands out v1 sealed chunks exactly as stored
 * (format 0: re-sealed under the fresh {@link #payload()} and {@link #fileKey()}).
 * <p>
 * Errors are sticky: after the first failure every call fails. A chunk is handed out only once it is
 * authenticated and known to be, or not be, the last; but chunks handed out before a later failure
 * are not final, so store them provisionally until {@link #next()} returned {@code null}.
 * <p>
 * The reader owns the archive stream: it closes it on {@link #close()} and when {@link #open} fails.
 * A format-0 archive is spooled to a temporary file under {@link ReaderLimits#spoolDir()}, deleted on
 * close.
 */
public final class ArchiveReader implements Closeable {

	private static final int READ_BUFFER = 64 * 1024;

	private final ChunkSource source;

	private final ChunkSealer resealer;

	private IOException failure;

	private Summary summary;

	private long chunks;

	private long plaintextLength;

	private boolean closed;

	private ArchiveReader(ChunkSource source) {
		this.source = source;
		this.resealer = (source.header().formatVersion() == 0)
				? new ChunkSealer(DerivedKeys.derive(source.fileKey(), source.payload().salt()).payloadKey(),
						source.payload().hash())
				: null;
	}

	/**
	 * Reads and checks the header and opens the file key with the first identity a stanza names.
	 * @throws NoMatchingKeyException if no stanza names any of the identities
	 * @throws IntegrityException if the stanza naming one of them does not open
	 * @throws MalformedArchiveException if the archive is not well formed
	 * @throws UnsupportedFormatException if its version or algorithms are unknown
	 */
	public static ArchiveReader open(InputStream archive, List<Identity> identities, ReaderLimits limits)
			throws IOException {
		Objects.requireNonNull(archive, "archive");
		List<Identity> keys = List.copyOf(identities);
		// the ZIP reader asks for 512 bytes at a time: one system call each on an unbuffered stream
		InputStream in = new BufferedInputStream(archive, READ_BUFFER);
		try {
			ArchiveProbe.Result probe = ArchiveProbe.probe(in, limits);
			if (probe instanceof ArchiveProbe.V1 v1) {
				return new ArchiveReader(openV1(v1, keys, limits));
			}
			// the spool holds the whole archive now; the stream is done with
			Path spool = ((ArchiveProbe.Format0) probe).file();
			try {
				in.close();
			}
			catch (IOException ex) {
				java.nio.file.Files.deleteIfExists(spool);
				throw ex;
			}
			return new ArchiveReader(Format0ChunkSource.open(spool, keys, limits));
		}
		catch (IOException | RuntimeException ex) {
			try {
				in.close();
			}
			catch (IOException closing) {
				ex.addSuppressed(closing);
			}
			throw ex;
		}
	}

	private static V1ChunkSource openV1(ArchiveProbe.V1 probe, List<Identity> identities, ReaderLimits limits)
			throws IOException {
		MetadataCodec.V1 metadata = probe.metadata();
		if (metadata.totalChunks() > limits.maxChunks()) {
			throw new MalformedArchiveException("file_info.total_chunks: more than the reader's limit of " + limits.maxChunks());
		}
		List<WrappedKey> stanzas = decodeStanzas(metadata);
		for (WrappedKey stanza : stanzas) {
			for (Identity identity : identities) {
				if (identity.fingerprint().equals(stanza.recipient())) {
					// a stanza that names this key but does not open is corruption: no other stanza is tried (§5.1)
					FileKey fileKey = HpkeKeyWrap.unwrap(stanza, identity);
					PayloadHeader payload = metadata.payload();
					DerivedKeys keys = DerivedKeys.derive(fileKey, payload.salt());
					String name = FileName.open(keys.nameKey(), payload.encryptedName());
					ArchiveHeader header = new ArchiveHeader(1, name, payload.originalSize(), payload.chunkSize(),
							metadata.totalChunks(), identity.fingerprint(), List.of());
					V1ChunkSource source = new V1ChunkSource(probe, header, fileKey, keys, limits);
					source.start();
					return source;
				}
			}
		}
		List<String> recipients = new ArrayList<>();
		for (WrappedKey stanza : stanzas) {
			recipients.add(stanza.recipient().toString());
		}
		throw new NoMatchingKeyException("no recipient stanza names any of the given keys", recipients);
	}

	/** The stanzas of known method, decoded and validated, in order (primary first). */
	static List<WrappedKey> decodeStanzas(MetadataCodec.V1 metadata) throws MalformedArchiveException {
		List<WrappedKey> keys = new ArrayList<>();
		List<Stanza> stanzas = metadata.stanzas();
		for (int i = 0; i < stanzas.size(); i++) {
			if (stanzas.get(i).isKnownMethod()) {
				keys.add(stanzas.get(i).toWrappedKey((i == 0) ? "keys" : "recipients[" + (i - 1) + "]"));
			}
		}
		return keys;
	}

	public ArchiveHeader header() {
		return this.source.header();
	}

	/** v1: the archive's payload header; format 0: the fresh v1 payload the chunks are re-sealed into. */
	public PayloadHeader payload() {
		return this.source.payload();
	}

	/** The file key under which {@link #payload()}'s chunks are sealed. */
	public FileKey fileKey() {
		return this.source.fileKey();
	}

	/**
	 * The next verified chunk, or {@code null} after the last one and the trailer verified.
	 */
	public Chunk next() throws IOException {
		ChunkSource.Opened opened = nextOpened();
		if (opened == null) {
			return null;
		}
		if (opened.sealed() != null && this.source instanceof V1ChunkSource v1) {
			// hashed already, for the trailer's check, and its CRC-32 checked as the entry was read
			return new Chunk(opened.index(), opened.last(), opened.sealed(), opened.plaintext().length,
					v1.lastSealedSha256(), v1.lastSealedCrc32());
		}
		byte[] sealed = this.resealer.seal(opened.index(), opened.last(), opened.plaintext(), 0, opened.plaintext().length);
		CRC32 crc = new CRC32();
		crc.update(sealed, 0, sealed.length);
		return new Chunk(opened.index(), opened.last(), sealed, opened.plaintext().length,
				Sha256.of(sealed, 0, sealed.length), crc.getValue());
	}

	/**
	 * Lets {@link #next()} read every full chunk into one reused array: a {@link Chunk#sealed()} is then
	 * valid only until the next call. For callers that store or send each chunk before asking for the
	 * next (a server writing them to a blob), it saves a chunk-sized allocation per chunk, which for
	 * 1 MiB chunks is a humongous object for G1 and, at large sizes, a garbage collection cycle each.
	 * @return this reader
	 */
	public ArchiveReader reuseChunkBuffers() {
		reuseSealedBuffers();
		return this;
	}

	/** Like {@link #next()} with the plaintext, and without re-sealing format-0 chunks. */
	ChunkSource.Opened nextOpened() throws IOException {
		if (this.failure != null) {
			throw this.failure;
		}
		if (this.closed) {
			throw new IOException("the archive reader is closed");
		}
		if (this.summary != null) {
			return null;
		}
		try {
			ChunkSource.Opened opened = this.source.next();
			if (opened == null) {
				this.summary = new Summary(this.plaintextLength, this.chunks, this.source.sha256(), sealedDigest());
				return null;
			}
			this.chunks++;
			this.plaintextLength += opened.plaintext().length;
			return opened;
		}
		catch (IOException | RuntimeException ex) {
			this.failure = (ex instanceof IOException io) ? io : new IOException("reading the archive failed", ex);
			throw this.failure;
		}
	}

	/** For readers that use only the plaintext: see {@link V1ChunkSource#reuseSealedBuffer()}. */
	void reuseSealedBuffers() {
		if (this.source instanceof V1ChunkSource v1) {
			v1.reuseSealedBuffer();
		}
	}

	private byte[] sealedDigest() {
		if (this.source instanceof V1ChunkSource v1) {
			return v1.sealedDigest();
		}
		PayloadHeader payload = this.source.payload();
		return SealedDigest.seal(DerivedKeys.derive(this.source.fileKey(), payload.salt()).digestKey(), payload.hash(),
				this.plaintextLength, this.chunks, this.source.sha256());
	}

	/** Totals of a fully read archive; {@code null} until {@link #next()} returned {@code null}. */
	public Summary summary() {
		return this.summary;
	}

	/** Closes the archive stream (and deletes a format-0 spool file). */
	@Override
	public void close() throws IOException {
		if (!this.closed) {
			this.closed = true;
			this.source.close();
		}
	}

	/**
	 * A verified chunk.
	 * @param index 0-based chunk counter (its entry is {@code chunks/chunk_<index+1>.enc})
	 * @param last whether it is the last chunk
	 * @param sealed the v1 sealed bytes (ciphertext and tag) under {@link #payload()}
	 * @param plaintextLength its plaintext length
	 * @param sealedSha256 the SHA-256 of {@code sealed}, as {@code checksums.txt} lists it
	 * @param sealedCrc32 the CRC-32 of {@code sealed}, as its ZIP entry records it
	 */
	public record Chunk(long index, boolean last, byte[] sealed, int plaintextLength, byte[] sealedSha256,
			long sealedCrc32) {
	}

	/**
	 * Totals of a fully verified archive.
	 * @param plaintextLength total plaintext bytes
	 * @param chunks number of chunks
	 * @param sha256 SHA-256 of the whole plaintext (v1: equal to the sealed digest's)
	 * @param sealedDigest the {@code sealed_sha256} value for {@link #payload()}
	 */
	public record Summary(long plaintextLength, long chunks, byte[] sha256, byte[] sealedDigest) {
	}

}
