package dev.sealdrop.format;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ArchiveLayoutTests {

	@Test
	void theTrailerLengthCountsTheDigitsOfEveryChunkNumber() {
		assertThat(ArchiveLayout.trailerLength(1)).isEqualTo(("chunk_1: " + "0".repeat(64) + "\n").length() + 80);
		assertThat(ArchiveLayout.trailerLength(10)).isEqualTo(9 * 74 + 75 + 80);
		assertThat(ArchiveLayout.trailerLength(100)).isEqualTo(9 * 74 + 90 * 75 + 76 + 80);
	}

	/** 65 535 entries or more switch Commons Compress to ZIP64 end records; the length must follow. */
	@Test
	void theLengthFollowsTheZip64EndRecordsForManyEntries() throws IOException {
		for (int count : new int[] { 65534, 65535 }) {
			List<String> names = new ArrayList<>();
			long[] sizes = new long[count];
			Counting counting = new Counting();
			try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(counting)) {
				zip.setUseZip64(Zip64Mode.AsNeeded);
				byte[] data = { 42 };
				CRC32 crc = new CRC32();
				crc.update(data);
				for (int i = 0; i < count; i++) {
					String name = ArchiveLayout.chunkEntry(i);
					names.add(name);
					sizes[i] = 1;
					ZipArchiveEntry entry = new ZipArchiveEntry(name);
					entry.setMethod(ZipArchiveEntry.STORED);
					entry.setSize(1);
					entry.setCrc(crc.getValue());
					entry.setTime(1577836800000L);
					zip.putArchiveEntry(entry);
					zip.write(data);
					zip.closeArchiveEntry();
				}
			}
			assertThat(ArchiveLayout.zipLength(names, sizes)).as("%d entries", count).isEqualTo(counting.count);
		}
	}

	private static final class Counting extends OutputStream {

		long count;

		@Override
		public void write(int b) {
			this.count++;
		}

		@Override
		public void write(byte[] b, int off, int len) {
			this.count += len;
		}

	}

}
