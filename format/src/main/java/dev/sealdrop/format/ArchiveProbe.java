package dev.sealdrop.format;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;

import tools.jackson.databind.JsonNode;

/**
 * Tells a v1 archive from a format-0 one by its first entry (FORMAT.md §9, §12): {@code metadata.json}
 * with a {@code format_version} is v1 and is read on in one pass; anything else is format 0, which
 * needs random access, so the archive (the bytes already read included) is spooled to a temporary
 * file.
 */
final class ArchiveProbe {

	private static final byte[] LOCAL_HEADER_SIGNATURE = { 'P', 'K', 3, 4 };

	private ArchiveProbe() {
	}

	sealed interface Result permits V1, Format0 {
	}

	/**
	 * A v1 archive positioned after its {@code metadata.json}, whose length and CRC-32 the central
	 * directory repeats.
	 */
	record V1(ZipEntryReader zip, MetadataCodec.V1 metadata, long metadataBytes, long metadataCrc) implements Result {
	}

	/** A format-0 candidate, spooled to {@code file}; whoever gets this deletes the file. */
	record Format0(Path file) implements Result {
	}

	static Result probe(InputStream in, ReaderLimits limits) throws IOException {
		byte[] signature = in.readNBytes(LOCAL_HEADER_SIGNATURE.length);
		if (!Arrays.equals(signature, LOCAL_HEADER_SIGNATURE)) {
			throw new MalformedArchiveException("not a ZIP archive: no local file header at the start");
		}
		InputStream source = new SequenceInputStream(new ByteArrayInputStream(signature), in);
		RecordingInputStream recording = new RecordingInputStream(source, limits.maxMetadataBytes() + 65536);
		ZipEntryReader zip = new ZipEntryReader(recording);
		ZipArchiveEntry first = zip.next("the start");
		if (first == null) {
			throw new MalformedArchiveException("not a ZIP archive: no entries");
		}
		if (ArchiveLayout.METADATA.equals(first.getName()) && !first.isDirectory()) {
			byte[] json = readMetadata(zip, first, limits);
			JsonNode root = MetadataCodec.parseTree(json);
			if (MetadataCodec.hasVersion(root)) {
				ZipEntryReader.requireStored(first);
				MetadataCodec.V1 metadata = MetadataCodec.readV1(root);
				recording.stop();
				return new V1(zip, metadata, json.length, first.getCrc());
			}
		}
		return new Format0(spool(recording, source, limits.spoolDir()));
	}

	private static byte[] readMetadata(ZipEntryReader zip, ZipArchiveEntry entry, ReaderLimits limits)
			throws IOException {
		long max = limits.maxMetadataBytes();
		if (entry.getSize() > max) {
			throw new MalformedArchiveException("metadata.json: larger than the limit of " + max + " bytes");
		}
		if (entry.getMethod() == ZipArchiveEntry.STORED && entry.getSize() >= 0
				&& !entry.getGeneralPurposeBit().usesDataDescriptor()) {
			byte[] json = new byte[(int) entry.getSize()];
			zip.readFully(entry, json, json.length);
			return json;
		}
		// format 0 may deflate it; read no more than the limit
		byte[] json;
		try {
			json = zip.data().readNBytes((int) max + 1);
		}
		catch (IOException ex) {
			if (ex instanceof SealdropException) {
				throw ex;
			}
			throw new MalformedArchiveException("metadata.json: cannot be read (" + ex.getClass().getSimpleName() + ")");
		}
		if (json.length > max) {
			throw new MalformedArchiveException("metadata.json: larger than the limit of " + max + " bytes");
		}
		return json;
	}

	private static Path spool(RecordingInputStream recording, InputStream rest, Path dir) throws IOException {
		Path file = createPrivateTempFile(dir);
		try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
			out.write(recording.recorded());
			rest.transferTo(out);
			return file;
		}
		catch (IOException | RuntimeException ex) {
			Files.deleteIfExists(file);
			throw ex;
		}
	}

	static Path createPrivateTempFile(Path dir) throws IOException {
		try {
			return Files.createTempFile(dir, "sealdrop-", ".zip",
					PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		}
		catch (UnsupportedOperationException ex) {
			return Files.createTempFile(dir, "sealdrop-", ".zip");
		}
	}

	/** Keeps the bytes read until {@link #stop()}, up to a limit, so they can be spooled. */
	private static final class RecordingInputStream extends FilterInputStream {

		private ByteArrayOutputStream recorded = new ByteArrayOutputStream();

		private final long limit;

		RecordingInputStream(InputStream in, long limit) {
			super(in);
			this.limit = limit;
		}

		@Override
		public int read() throws IOException {
			int b = this.in.read();
			if (b >= 0) {
				record(new byte[] { (byte) b }, 0, 1);
			}
			return b;
		}

		@Override
		public int read(byte[] b, int off, int len) throws IOException {
			int n = this.in.read(b, off, len);
			if (n > 0) {
				record(b, off, n);
			}
			return n;
		}

		@Override
		public long skip(long n) throws IOException {
			byte[] buffer = new byte[(int) Math.min(n, 8192)];
			int r = read(buffer, 0, buffer.length);
			return Math.max(r, 0);
		}

		private void record(byte[] b, int off, int len) throws MalformedArchiveException {
			if (this.recorded != null) {
				if (this.recorded.size() + len > this.limit) {
					throw new MalformedArchiveException("metadata.json: the first entry is too large");
				}
				this.recorded.write(b, off, len);
			}
		}

		byte[] recorded() {
			return this.recorded.toByteArray();
		}

		void stop() {
			this.recorded = null;
		}

		@Override
		public void close() throws IOException {
			this.in.close();
		}

	}

}
