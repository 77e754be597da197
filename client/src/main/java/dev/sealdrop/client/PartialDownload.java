package dev.sealdrop.client;

import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import dev.sealdrop.client.config.PrivateFiles;
import dev.sealdrop.client.net.ApiClient;
import dev.sealdrop.client.net.DownloadStream;

/**
 * The ciphertext of a download kept on disk while it arrives ({@code partial/<hash>.part}, 0600,
 * with the server's ETag in {@code .etag} beside it), so that an interrupted download continues
 * where it stopped the next time: {@code Range: bytes=<size>-} with {@code If-Range: <etag>}. Only the
 * archive (ciphertext) is kept here; plaintext goes only to the atomic output file.
 *
 * <p>{@link #open} returns the whole archive as one stream: the bytes already on disk, then the
 * rest as it arrives (written to the part file as it is read). {@link #finish()} deletes the files
 * once the archive was verified; {@link #discard()} after a failure that a retry would repeat.
 * {@link #close()} closes the streams and keeps the files.
 */
final class PartialDownload implements Closeable {

	private final Path part;

	private final Path etagFile;

	private FileChannel channel;

	private DownloadStream download;

	private InputStream prefix;

	private PartialDownload(Path part, Path etagFile) {
		this.part = part;
		this.etagFile = etagFile;
	}

	/** The partial files for one (server, file, client) in {@code dir}. */
	static PartialDownload in(Path dir, String server, String fileId, String clientId) {
		String hash;
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest((server + "\n" + fileId + "\n" + clientId).getBytes(StandardCharsets.UTF_8));
			hash = HexFormat.of().formatHex(digest, 0, 16);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
		return new PartialDownload(dir.resolve(hash + ".part"), dir.resolve(hash + ".etag"));
	}

	/**
	 * Starts or resumes the download of {@code path}.
	 * @return the whole archive from byte 0; close it with this object
	 */
	InputStream open(ApiClient api, String path, String name) throws IOException {
		PrivateFiles.createDirectories(this.part.getParent());
		long have = 0;
		String etag = null;
		if (Files.isRegularFile(this.part, LinkOption.NOFOLLOW_LINKS) && Files.isRegularFile(this.etagFile)) {
			etag = Files.readString(this.etagFile, StandardCharsets.US_ASCII).strip();
			have = Files.size(this.part);
			if (etag.isEmpty() || etag.startsWith("W/") || etag.length() > 200) {
				have = 0;
				etag = null;
			}
		}
		this.download = (have > 0) ? api.download(path, name, have, etag) : api.download(path, name);
		long start = this.download.startOffset();
		this.channel = openPart();
		this.channel.truncate(start);
		this.channel.position(start);
		String newEtag = this.download.etag().orElse(null);
		if (newEtag != null && !newEtag.startsWith("W/")) {
			PrivateFiles.writeAtomically(this.etagFile, newEtag.getBytes(StandardCharsets.US_ASCII));
		}
		else {
			Files.deleteIfExists(this.etagFile);
		}
		this.prefix = (start > 0) ? Files.newInputStream(this.part) : InputStream.nullInputStream();
		InputStream head = new BoundedInputStream(this.prefix, start);
		return new SequenceInputStream(head, new TeeInputStream(this.download, Channels.newOutputStream(this.channel)));
	}

	/** Where the stream starts resuming (bytes reused from disk), for messages. */
	long resumedAt() {
		return (this.download != null) ? this.download.startOffset() : 0;
	}

	/** The whole archive's length, or -1 if unknown. */
	long totalLength() {
		return (this.download != null) ? this.download.totalLength() : -1;
	}

	/** The archive was verified: the partial files are no longer needed. */
	void finish() throws IOException {
		close();
		Files.deleteIfExists(this.part);
		Files.deleteIfExists(this.etagFile);
	}

	/** The partial archive is bad (failed verification): do not resume from it. */
	void discard() {
		try {
			finish();
		}
		catch (IOException ex) {
			// Best effort: a leftover part file is retried against the server's ETag next time anyway.
		}
	}

	@Override
	public void close() throws IOException {
		try {
			if (this.download != null) {
				this.download.close();
			}
			if (this.prefix != null) {
				this.prefix.close();
			}
		}
		finally {
			if (this.channel != null && this.channel.isOpen()) {
				this.channel.close();
			}
		}
	}

	private FileChannel openPart() throws IOException {
		if (Files.exists(this.part, LinkOption.NOFOLLOW_LINKS)) {
			return FileChannel.open(this.part, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
		}
		if (this.part.getFileSystem().supportedFileAttributeViews().contains("posix")) {
			return FileChannel.open(this.part, java.util.Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
					PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		}
		return FileChannel.open(this.part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
	}

	/** Reads at most {@code limit} bytes of {@code in}. */
	private static final class BoundedInputStream extends FilterInputStream {

		private long remaining;

		BoundedInputStream(InputStream in, long limit) {
			super(in);
			this.remaining = limit;
		}

		@Override
		public int read() throws IOException {
			byte[] one = new byte[1];
			return (read(one, 0, 1) < 0) ? -1 : (one[0] & 0xff);
		}

		@Override
		public int read(byte[] bytes, int off, int len) throws IOException {
			if (this.remaining <= 0) {
				return -1;
			}
			int n = super.read(bytes, off, (int) Math.min(len, this.remaining));
			if (n < 0) {
				throw new IOException("the partial download shrank while it was read");
			}
			this.remaining -= n;
			return n;
		}

		@Override
		public void close() {
			// The owner closes the file.
		}

	}

	/** Copies what is read to {@code copy}: the arriving archive goes to the part file as it is consumed. */
	private static final class TeeInputStream extends FilterInputStream {

		private final OutputStream copy;

		TeeInputStream(InputStream in, OutputStream copy) {
			super(in);
			this.copy = copy;
		}

		@Override
		public int read() throws IOException {
			byte[] one = new byte[1];
			return (read(one, 0, 1) < 0) ? -1 : (one[0] & 0xff);
		}

		@Override
		public int read(byte[] bytes, int off, int len) throws IOException {
			int n = super.read(bytes, off, len);
			if (n > 0) {
				this.copy.write(bytes, off, n);
			}
			return n;
		}

		@Override
		public void close() {
			// The owner closes the download and the file.
		}

	}

}
