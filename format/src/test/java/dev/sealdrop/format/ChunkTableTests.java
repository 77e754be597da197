package dev.sealdrop.format;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChunkTableTests {

	@ParameterizedTest(name = "{0} records in memory")
	@ValueSource(ints = { 1, 7, 5000, 100_000 })
	void everyRecordReadsBackWhereverItIsKept(int memoryRecords) {
		int records = 5000;
		try (ChunkTable table = new ChunkTable(memoryRecords)) {
			for (int i = 0; i < records; i++) {
				table.add(sha(i), crc(i));
			}
			assertThat(table.size()).isEqualTo(records);
			assertThat(table.spilled()).isEqualTo(records > memoryRecords);
			// in order, as the trailer and the central directory walk it
			for (int i = 0; i < records; i++) {
				assertThat(table.sha256(i)).isEqualTo(sha(i));
				assertThat(table.crc32(i)).isEqualTo(crc(i));
			}
			// and in any order
			Random random = new Random(3);
			for (int n = 0; n < 2000; n++) {
				int i = random.nextInt(records);
				assertThat(table.sha256(i)).as("record %d", i).isEqualTo(sha(i));
				assertThat(table.crc32(i)).as("record %d", i).isEqualTo(crc(i));
			}
		}
	}

	@Test
	void readsBetweenAppendsSeeEveryRecordSoFar() {
		try (ChunkTable table = new ChunkTable(3)) {
			for (int i = 0; i < 4000; i++) {
				table.add(sha(i), crc(i));
				assertThat(table.sha256(i)).isEqualTo(sha(i));
				assertThat(table.crc32(i / 2)).isEqualTo(crc(i / 2));
			}
			for (int i = 0; i < 4000; i++) {
				assertThat(table.sha256(i)).isEqualTo(sha(i));
			}
		}
	}

	@Test
	void aSpilledTableLeavesNoFileBehind() throws IOException {
		Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
		long before = spillFiles(tmp);
		ChunkTable table = new ChunkTable(2);
		for (int i = 0; i < 10; i++) {
			table.add(sha(i), crc(i));
		}
		assertThat(table.spilled()).isTrue();
		// unlinked while open (POSIX), so not even a killed process leaves it
		assertThat(spillFiles(tmp)).isEqualTo(before);
		table.close();
		assertThat(spillFiles(tmp)).isEqualTo(before);
		assertThat(table.size()).isZero();
	}

	@Test
	void aSpillThatCannotBeWrittenNamesItsDirectory(@org.junit.jupiter.api.io.TempDir Path directory) {
		Path missing = directory.resolve("gone");
		try (ChunkTable table = new ChunkTable(2, missing)) {
			table.add(sha(0), crc(0));
			table.add(sha(1), crc(1));
			assertThatThrownBy(() -> table.add(sha(2), crc(2))).isInstanceOf(java.io.UncheckedIOException.class)
				.cause()
				.isInstanceOf(IOException.class)
				.hasMessageStartingWith("cannot keep the chunk checksums in a temporary file in " + missing);
		}
	}

	@Test
	void aSpillGoesWhereItIsTold(@org.junit.jupiter.api.io.TempDir Path directory) throws IOException {
		try (ChunkTable table = new ChunkTable(2, directory)) {
			for (int i = 0; i < 100; i++) {
				table.add(sha(i), crc(i));
			}
			assertThat(table.spilled()).isTrue();
			assertThat(table.sha256(99)).isEqualTo(sha(99));
		}
		// and is gone, unlinked as soon as it was open
		assertThat(spillFiles(directory)).isZero();
	}

	@Test
	void recordsOutsideTheTableAndMalformedRecordsAreRefused() {
		try (ChunkTable table = new ChunkTable(4)) {
			table.add(sha(0), 0xFFFFFFFFL);
			assertThat(table.crc32(0)).isEqualTo(0xFFFFFFFFL);
			assertThatThrownBy(() -> table.sha256(1)).isInstanceOf(IndexOutOfBoundsException.class);
			assertThatThrownBy(() -> table.crc32(-1)).isInstanceOf(IndexOutOfBoundsException.class);
			assertThatIllegalArgumentException().isThrownBy(() -> table.add(new byte[31], 0));
			assertThatIllegalArgumentException().isThrownBy(() -> table.add(sha(1), -1));
			assertThatIllegalArgumentException().isThrownBy(() -> table.add(sha(1), 1L << 32));
			assertThat(table.size()).isEqualTo(1);
		}
	}

	private static long spillFiles(Path directory) throws IOException {
		try (Stream<Path> files = Files.list(directory)) {
			return files.filter((f) -> f.getFileName().toString().startsWith("sealdrop-chunks-")).count();
		}
	}

	private static byte[] sha(int i) {
		return Sha256.of(new byte[] { (byte) i, (byte) (i >>> 8) }, 0, 2);
	}

	private static long crc(int i) {
		return (i * 2654435761L) & 0xFFFFFFFFL;
	}

}
