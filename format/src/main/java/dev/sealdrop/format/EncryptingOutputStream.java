package dev.sealdrop.format;

import java.io.IOException;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.util.List;

/**
 * Encrypts what is written to it into a v1 archive (FORMAT.md §5, §6, §7, §8): each full chunk is
 * sealed (as not last) when the first byte of the next chunk arrives, the final chunk on
 * {@link #close()}, which also writes the trailer and closes the archive stream. Holds two plaintext
 * and two sealed chunks: the SHA-256 of the plaintext (for the sealed digest) and of each sealed chunk
 * (for {@code checksums.txt}) are computed on other threads while the next chunk fills and seals.
 * <p>
 * When the size was declared, writing more or fewer bytes fails (the archive is then incomplete).
 * Errors are sticky.
 */
public final class EncryptingOutputStream extends OutputStream {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final OutputStream archive;

	private final ArchiveWriter writer;

	private final PayloadHeader payload;

	private final DerivedKeys keys;

	private final ChunkSealer sealer;

	private final long declaredSize;

	/** Two chunk buffers, used in turn: the plaintext hash of one runs while the other fills. */
	private final byte[][] buffers = new byte[2][];

	private byte[] buffer;

	/**
	 * Two sealed buffers, used in turn like {@link #buffers}, reused for every chunk: 1 MiB arrays are
	 * humongous allocations in a small G1 heap.
	 */
	private final byte[][] sealedBuffers = new byte[2][];

	private int sealedNext;

	private final BackgroundSha256 sha256 = new BackgroundSha256();

	private int filled;

	private long index;

	private long length;

	private byte[] digest;

	private IOException failure;

	private boolean closed;

	EncryptingOutputStream(OutputStream archive, EncryptOptions options, List<Recipient> recipients)
			throws IOException {
		if (recipients == null || recipients.isEmpty() || recipients.size() > MetadataCodec.MAX_STANZAS) {
			throw new IllegalArgumentException("an archive has 1 to 16 recipients");
		}
		this.archive = archive;
		this.declaredSize = options.size();
		FileKey fileKey = FileKey.generate();
		try {
			byte[] salt = new byte[PayloadHeader.SALT_LENGTH];
			RANDOM.nextBytes(salt);
			this.keys = DerivedKeys.derive(fileKey, salt);
			byte[] name = FileName.seal(this.keys.nameKey(), options.name());
			PayloadHeader payload = new PayloadHeader(options.chunkSize(), options.size(), salt, name);
			if (options.size() >= 0 && !ArchiveWriter.headerFits(payload, recipients.size())) {
				// too many chunks for a 1 MiB header of known size: write it as of unknown length (§8)
				payload = new PayloadHeader(options.chunkSize(), -1, salt, name);
			}
			this.payload = payload;
			this.sealer = new ChunkSealer(this.keys.payloadKey(), payload.hash());
			this.writer = ArchiveWriter.create(archive, payload, payload.totalChunks(), payload.originalSize(), fileKey,
					recipients, null);
		}
		finally {
			fileKey.destroy();
		}
		this.buffers[0] = new byte[options.chunkSize()];
		this.buffer = this.buffers[0];
	}

	@Override
	public void write(int b) throws IOException {
		write(new byte[] { (byte) b }, 0, 1);
	}

	@Override
	public void write(byte[] b, int off, int len) throws IOException {
		java.util.Objects.checkFromIndexSize(off, len, b.length);
		check();
		if (this.declaredSize >= 0 && this.length + len > this.declaredSize) {
			fail(new IOException("more bytes written than the declared size of " + this.declaredSize));
		}
		try {
			while (len > 0) {
				if (this.filled == this.buffer.length) {
					sealChunk(false);
				}
				int n = Math.min(len, this.buffer.length - this.filled);
				System.arraycopy(b, off, this.buffer, this.filled, n);
				this.filled += n;
				this.length += n;
				off += n;
				len -= n;
			}
		}
		catch (IOException | RuntimeException ex) {
			fail(ex);
		}
	}

	private void sealChunk(boolean last) throws IOException {
		// waits for the previous chunk's hash, so the other buffer is free once this returns
		this.sha256.update(this.buffer, 0, this.filled);
		// the previous writeChunkHashingLater waited for the hash of the other buffer: it is free
		byte[] sealed = sealedBuffer();
		int length = this.sealer.seal(this.index, last, this.buffer, 0, this.filled, sealed, 0);
		this.writer.writeChunkHashingLater(sealed, 0, length);
		this.index++;
		this.filled = 0;
		int next = (this.buffer == this.buffers[0]) ? 1 : 0;
		if (this.buffers[next] == null) {
			this.buffers[next] = new byte[this.buffer.length];
		}
		this.buffer = this.buffers[next];
	}

	private byte[] sealedBuffer() {
		int which = this.sealedNext;
		this.sealedNext = 1 - which;
		if (this.sealedBuffers[which] == null) {
			this.sealedBuffers[which] = new byte[this.buffer.length + Gcm.TAG_LENGTH];
		}
		return this.sealedBuffers[which];
	}

	/** Seals the last chunk, writes the trailer and the central directory, and closes the archive stream. */
	@Override
	public void close() throws IOException {
		if (this.closed) {
			return;
		}
		this.closed = true;
		try {
			finishArchive();
		}
		finally {
			this.writer.close();
		}
	}

	private void finishArchive() throws IOException {
		if (this.failure != null) {
			// a new exception: the caller may be closing in try-with-resources after catching the
			// original one from write(), and re-throwing that same object would suppress itself
			IOException earlier = new IOException("the archive is incomplete: " + this.failure.getMessage(), this.failure);
			try {
				this.archive.close();
			}
			catch (IOException closing) {
				earlier.addSuppressed(closing);
			}
			throw earlier;
		}
		try {
			if (this.declaredSize >= 0 && this.length != this.declaredSize) {
				throw new IOException("wrote " + this.length + " bytes, declared " + this.declaredSize);
			}
			sealChunk(true);
			this.digest = this.sha256.digest();
			this.writer.finish(SealedDigest.seal(this.keys.digestKey(), this.payload.hash(), this.length, this.index,
					this.digest));
		}
		catch (IOException | RuntimeException ex) {
			this.failure = (this.failure != null) ? this.failure : asIo(ex);
			try {
				this.archive.close();
			}
			catch (IOException closing) {
				this.failure.addSuppressed(closing);
			}
			throw this.failure;
		}
		this.archive.close();
	}

	/** Plaintext bytes written; final after {@link #close()}. */
	public long plaintextLength() {
		return this.length;
	}

	/** SHA-256 of the plaintext, after a successful {@link #close()}; {@code null} before. */
	public byte[] plaintextSha256() {
		return (this.digest != null) ? this.digest.clone() : null;
	}

	/** The payload header the chunks are sealed under. */
	PayloadHeader payload() {
		return this.payload;
	}

	private void check() throws IOException {
		if (this.failure != null) {
			throw this.failure;
		}
		if (this.closed) {
			throw new IOException("the encrypting stream is closed");
		}
	}

	private void fail(Exception ex) throws IOException {
		this.failure = asIo(ex);
		throw this.failure;
	}

	private static IOException asIo(Exception ex) {
		return (ex instanceof IOException io) ? io : new IOException(ex.getMessage(), ex);
	}

}
