package dev.sealdrop.server.upload;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** Rewrites entries of a v1 archive (STORED, sizes and CRC recomputed) to build adversarial input. */
final class ArchiveSurgery {

	private ArchiveSurgery() {
	}

	static byte[] rewriteMetadata(byte[] archive, UnaryOperator<String> edit) throws IOException {
		return rewrite(archive, "metadata.json",
				bytes -> edit.apply(new String(bytes, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
	}

	static byte[] rewrite(byte[] archive, String entryName, UnaryOperator<byte[]> edit) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(archive));
				ZipOutputStream zip = new ZipOutputStream(out)) {
			ZipEntry entry;
			while ((entry = in.getNextEntry()) != null) {
				byte[] data = in.readAllBytes();
				if (entry.getName().equals(entryName)) {
					data = edit.apply(data);
				}
				ZipEntry copy = new ZipEntry(entry.getName());
				copy.setMethod(ZipEntry.STORED);
				copy.setSize(data.length);
				copy.setCompressedSize(data.length);
				CRC32 crc = new CRC32();
				crc.update(data);
				copy.setCrc(crc.getValue());
				zip.putNextEntry(copy);
				zip.write(data);
				zip.closeEntry();
			}
		}
		return out.toByteArray();
	}

}
