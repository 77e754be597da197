package dev.sealdrop.format;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** What the server does: read an archive with its key, keep the sealed chunks, serve them re-wrapped for someone else. */
final class ServerStyle {

	private ServerStyle() {
	}

	static byte[] rewrap(byte[] archive, Identity server, Identity to, boolean withChunkSha256) throws IOException {
		List<byte[]> sealed = new ArrayList<>();
		ArchiveReader reader = ArchiveReader.open(new ByteArrayInputStream(archive), List.of(server), ReaderLimits.defaults());
		ArchiveReader.Chunk chunk;
		while ((chunk = reader.next()) != null) {
			sealed.add(chunk.sealed());
		}
		ArchiveReader.Summary summary = reader.summary();
		reader.close();
		List<byte[]> hashes = null;
		if (withChunkSha256) {
			hashes = new ArrayList<>();
			for (byte[] s : sealed) {
				hashes.add(ArchiveWriter.sha256().digest(s));
			}
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (ArchiveWriter writer = ArchiveWriter.create(out, reader.payload(), summary.chunks(), summary.plaintextLength(),
				reader.fileKey(), List.of(to.recipient()), hashes)) {
			for (byte[] s : sealed) {
				writer.writeChunk(s, 0, s.length);
			}
			writer.finish(summary.sealedDigest());
		}
		return out.toByteArray();
	}

}
