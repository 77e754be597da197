package dev.sealdrop.format;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/**
 * An oracle for the bytes of a v1 archive, independent of the generator under test: Commons
 * Compress writes the ZIP (STORED entries of known size and CRC-32, ZIP64 as needed, no seeking),
 * and the trailer text is made here from FORMAT.md §7. {@link ArchiveWriter} and
 * {@link ArchiveFrame} must both produce exactly these bytes.
 */
final class CommonsCompressReference implements Closeable {

	// ZIP keeps local date-time fields and Commons Compress converts through the JVM's zone
	private static final long ENTRY_TIME = LocalDateTime.of(2020, 1, 1, 0, 0)
		.atZone(ZoneId.systemDefault())
		.toInstant()
		.toEpochMilli();

	private final ZipArchiveOutputStream zip;

	private final ByteArrayOutputStream trailer = new ByteArrayOutputStream();

	private long chunks;

	/**
	 * Starts an archive and writes its {@code metadata.json}, made by the same codec as the writer's
	 * (the JSON is not what this oracle checks).
	 */
	CommonsCompressReference(OutputStream out, PayloadHeader payload, List<RecipientStanza> stanzas,
			List<byte[]> chunkSha256OrNull) throws IOException {
		this.zip = new ZipArchiveOutputStream(new FilterOutputStream(out) {
			@Override
			public void write(byte[] b, int off, int len) throws IOException {
				this.out.write(b, off, len);
			}
		});
		this.zip.setUseZip64(Zip64Mode.AsNeeded);
		this.zip.setMethod(ZipArchiveOutputStream.STORED);
		List<Stanza> encoded = new ArrayList<>();
		for (RecipientStanza stanza : stanzas) {
			encoded.add(stanza.stanza());
		}
		byte[] metadata = ArchiveWriter.metadata(payload, encoded,
				(payload.originalSize() >= 0) ? chunkSha256OrNull : null);
		entry("metadata.json", metadata, 0, metadata.length);
	}

	/** The whole archive of these sealed chunks. */
	static byte[] archive(PayloadHeader payload, List<RecipientStanza> stanzas, List<byte[]> chunkSha256OrNull,
			List<byte[]> sealed, byte[] sealedDigest) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (CommonsCompressReference reference = new CommonsCompressReference(out, payload, stanzas, chunkSha256OrNull)) {
			for (byte[] chunk : sealed) {
				reference.chunk(chunk, 0, chunk.length);
			}
			reference.finish(sealedDigest);
		}
		return out.toByteArray();
	}

	void chunk(byte[] sealed, int off, int len) throws IOException {
		chunk(sealed, off, len, Sha256.of(sealed, off, len));
	}

	/** A chunk whose SHA-256 the caller computed already (for tests of many equal chunks). */
	void chunk(byte[] sealed, int off, int len, byte[] sha256) throws IOException {
		this.chunks++;
		entry("chunks/chunk_" + this.chunks + ".enc", sealed, off, len);
		byte[] line = ("chunk_" + this.chunks + ": " + Hex.encode(sha256) + "\n")
			.getBytes(StandardCharsets.US_ASCII);
		this.trailer.write(line, 0, line.length);
	}

	void finish(byte[] sealedDigest) throws IOException {
		byte[] last = ("sealed_sha256: " + Base64Strict.encode(sealedDigest) + "\n").getBytes(StandardCharsets.US_ASCII);
		this.trailer.write(last, 0, last.length);
		byte[] trailer = this.trailer.toByteArray();
		entry("checksums.txt", trailer, 0, trailer.length);
		this.zip.finish();
		this.zip.flush();
	}

	@Override
	public void close() {
		// the caller's stream stays open, as ArchiveWriter leaves it
	}

	private void entry(String name, byte[] data, int off, int len) throws IOException {
		CRC32 crc = new CRC32();
		crc.update(data, off, len);
		ZipArchiveEntry entry = new ZipArchiveEntry(name);
		entry.setMethod(ZipArchiveEntry.STORED);
		entry.setSize(len);
		entry.setCompressedSize(len);
		entry.setCrc(crc.getValue());
		entry.setTime(ENTRY_TIME);
		this.zip.putArchiveEntry(entry);
		this.zip.write(data, off, len);
		this.zip.closeArchiveEntry();
	}

}
