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
	void theChunkLimitIsTheLastCountWhoseTrailerFitsAStoredEntry() {
		// a STORED entry's size field holds at most 0xFFFFFFFE (0xFFFFFFFF means "see ZIP64")
		assertThat(ArchiveLayout.trailerLength(ArchiveLayout.MAX_CHUNKS)).isLessThan(0xFFFFFFFFL);
		assertThat(ArchiveLayout.trailerLength(ArchiveLayout.MAX_CHUNKS + 1)).isGreaterThanOrEqualTo(0xFFFFFFFFL);
		PayloadHeader payload = new PayloadHeader(65536, ArchiveLayout.MAX_CHUNKS * 65536 + 1, new byte[16],
				new byte[FileName.SEALED]);
		RecipientStanza stanza = RecipientStanza.wrap(FileKey.generate(), TestArchives.bob().recipient());
		org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
			.isThrownBy(() -> ArchiveWriter.create(java.io.OutputStream.nullOutputStream(), payload,
					ArchiveLayout.MAX_CHUNKS + 1, payload.originalSize(), java.util.List.of(stanza), null))
			.withMessageContaining("at most 53161460");
	}

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

	/** Entries starting at or beyond 4 GiB get a ZIP64 offset in the central directory, and the end records turn ZIP64. */
	@Test
	void theLengthFollowsZip64OffsetsBeyondFourGibibytes() throws IOException {
		long big = 0xFFFFFFF0L;
		byte[] zeros = new byte[1 << 20];
		CRC32 crc = new CRC32();
		for (long done = 0; done < big; done += zeros.length) {
			crc.update(zeros, 0, (int) Math.min(zeros.length, big - done));
		}
		List<String> names = List.of("metadata.json", "chunks/chunk_1.enc", "chunks/chunk_2.enc", "checksums.txt");
		long[] sizes = { 1, big, 1, 1 };
		Counting counting = new Counting();
		try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(counting)) {
			zip.setUseZip64(Zip64Mode.AsNeeded);
			CRC32 one = new CRC32();
			one.update(0);
			for (int i = 0; i < names.size(); i++) {
				ZipArchiveEntry entry = new ZipArchiveEntry(names.get(i));
				entry.setMethod(ZipArchiveEntry.STORED);
				entry.setSize(sizes[i]);
				entry.setCrc((sizes[i] == 1) ? one.getValue() : crc.getValue());
				entry.setTime(1577836800000L);
				zip.putArchiveEntry(entry);
				for (long done = 0; done < sizes[i]; done += zeros.length) {
					zip.write(zeros, 0, (int) Math.min(zeros.length, sizes[i] - done));
				}
				zip.closeArchiveEntry();
			}
		}
		assertThat(counting.count).isGreaterThan(big);
		assertThat(ArchiveLayout.zipLength(names, sizes)).isEqualTo(counting.count);
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
