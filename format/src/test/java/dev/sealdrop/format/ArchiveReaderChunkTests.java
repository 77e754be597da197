package dev.sealdrop.format;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What {@link ArchiveReader.Chunk} carries for a server: the sealed bytes, their SHA-256 and CRC-32, and buffer reuse. */
class ArchiveReaderChunkTests {

	private static final int CHUNK = TestArchives.SMALL_CHUNK;

	@Test
	void eachChunkCarriesTheSha256OfItsSealedBytesAsTheTrailerListsIt() throws IOException {
		byte[] archive = TestArchives.encrypt(TestArchives.random(3 * CHUNK + 9, 4), true, TestArchives.alice());
		List<String> trailer = trailerHashes(archive);
		try (ArchiveReader reader = open(archive, TestArchives.alice())) {
			ArchiveReader.Chunk chunk;
			int i = 0;
			while ((chunk = reader.next()) != null) {
				assertThat(chunk.sealedSha256()).isEqualTo(Sha256.of(chunk.sealed(), 0, chunk.sealed().length));
				assertThat(Hex.encode(chunk.sealedSha256())).isEqualTo(trailer.get(i++));
				assertThat(chunk.sealedCrc32()).isEqualTo(crc32(chunk.sealed()));
			}
			assertThat(i).isEqualTo(4);
		}
	}

	@Test
	void reusedBuffersHoldEachChunkUntilTheNextCall() throws IOException {
		byte[] archive = TestArchives.encrypt(TestArchives.random(3 * CHUNK + 9, 5), true, TestArchives.alice());
		List<byte[]> copies = new ArrayList<>();
		List<byte[]> arrays = new ArrayList<>();
		try (ArchiveReader fresh = open(archive, TestArchives.alice())) {
			ArchiveReader.Chunk chunk;
			while ((chunk = fresh.next()) != null) {
				copies.add(chunk.sealed());
			}
		}
		try (ArchiveReader reader = open(archive, TestArchives.alice()).reuseChunkBuffers()) {
			ArchiveReader.Chunk chunk;
			int i = 0;
			while ((chunk = reader.next()) != null) {
				assertThat(chunk.sealed()).isEqualTo(copies.get(i++));
				arrays.add(chunk.sealed());
			}
		}
		// the three full chunks share one array; the short last one has its own
		assertThat(arrays.get(1)).isSameAs(arrays.get(0));
		assertThat(arrays.get(2)).isSameAs(arrays.get(0));
		assertThat(arrays.get(3)).isNotSameAs(arrays.get(0));
		// without reuse every chunk is its own array
		assertThat(copies.get(1)).isNotSameAs(copies.get(0));
	}

	@Test
	void formatZeroChunksComeResealedWithTheirSha256() throws Exception {
		Path dir = Path.of(ArchiveReaderChunkTests.class.getResource("/format0/recipient.key").toURI()).getParent();
		Identity key = Identity.read(dir.resolve("recipient.key"), null);
		byte[] archive = Files.readAllBytes(dir.resolve("folder-deflated.zip"));
		try (ArchiveReader reader = open(archive, key).reuseChunkBuffers()) {
			ArchiveReader.Chunk chunk;
			int n = 0;
			while ((chunk = reader.next()) != null) {
				assertThat(chunk.sealedSha256()).isEqualTo(Sha256.of(chunk.sealed(), 0, chunk.sealed().length));
				assertThat(chunk.sealedCrc32()).isEqualTo(crc32(chunk.sealed()));
				n++;
			}
			assertThat(n).isPositive();
		}
	}

	private static long crc32(byte[] bytes) {
		CRC32 crc = new CRC32();
		crc.update(bytes);
		return crc.getValue();
	}

	private static ArchiveReader open(byte[] archive, Identity key) throws IOException {
		return ArchiveReader.open(new ByteArrayInputStream(archive), List.of(key), ReaderLimits.defaults());
	}

	private static List<String> trailerHashes(byte[] archive) {
		for (TestArchives.Entry entry : TestArchives.entries(archive)) {
			if (entry.name().equals("checksums.txt")) {
				return Arrays.stream(new String(entry.data(), java.nio.charset.StandardCharsets.US_ASCII).split("\n"))
					.filter((line) -> line.startsWith("chunk_"))
					.map((line) -> line.substring(line.indexOf(": ") + 2))
					.toList();
			}
		}
		throw new AssertionError("no checksums.txt");
	}

}
