package dev.sealdrop.server.download;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.util.List;

import jakarta.servlet.ServletOutputStream;

import dev.sealdrop.format.ArchiveFrame;
import dev.sealdrop.format.PayloadHeader;
import dev.sealdrop.format.Recipient;
import dev.sealdrop.server.files.StoredFile;
import dev.sealdrop.server.storage.BlobStore;

/**
 * One downloadable archive: a stored file re-wrapped for one recipient key, with its exact length
 * and strong ETag known before a byte is sent. {@link #send} streams any byte range of it from the
 * blob; {@link #open()} generates it as a stream for server-side decryption.
 */
final class DownloadArchive {

	private final StoredFile file;

	private final PayloadHeader payload;

	private final ChunkLayout layout;

	private final List<byte[]> chunkSha256;

	private final byte[] sealedDigest;

	private final Recipient recipient;

	private final String stanza;

	private final ArchiveFrame frame;

	private final String etag;

	private final BlobStore blobs;

	DownloadArchive(StoredFile file, PayloadHeader payload, ChunkLayout layout, List<byte[]> chunkSha256,
			byte[] sealedDigest, Recipient recipient, String stanza, ArchiveFrame frame, String etag, BlobStore blobs) {
		this.file = file;
		this.payload = payload;
		this.layout = layout;
		this.chunkSha256 = chunkSha256;
		this.sealedDigest = sealedDigest;
		this.recipient = recipient;
		this.stanza = stanza;
		this.frame = frame;
		this.etag = etag;
		this.blobs = blobs;
	}

	StoredFile file() {
		return this.file;
	}

	Recipient recipient() {
		return this.recipient;
	}

	/** Exact byte length of the archive. */
	long length() {
		return this.frame.length();
	}

	/** Strong entity tag, quoted. */
	String etag() {
		return this.etag;
	}

	/** Opens the blob; done before the response is committed, so a missing blob is still a problem response. */
	SeekableByteChannel openBlob() throws IOException {
		return this.blobs.openChannel(this.file.id());
	}

	/** Sends bytes {@code start} to {@code start + count - 1} of the archive. */
	void send(SeekableByteChannel blob, long start, long count, ServletOutputStream out) throws IOException {
		try (BlobTarget target = new BlobTarget(this.layout, blob, out)) {
			this.frame.write(start, count, target);
			target.flush();
		}
	}

	/** The archive bytes from the start, generated chunk by chunk; the caller closes the stream. */
	InputStream open() throws IOException {
		return new ArchiveInputStream((out) -> Rewrap.start(out, this.payload, this.layout, this.stanza, this.chunkSha256),
				this.blobs.open(this.file.id()), this.layout, this.sealedDigest);
	}

}
