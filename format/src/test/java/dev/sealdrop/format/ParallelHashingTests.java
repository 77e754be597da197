package dev.sealdrop.format;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The hashing that runs next to sealing and opening ({@link BackgroundSha256}, {@link ChunkDigests})
 * and the chunk buffers used in turn: with many full 1 MiB chunks every hash runs on another thread,
 * so an array reused too early shows up as a wrong digest or checksum line.
 */
class ParallelHashingTests {

	private static final int MIB = 1 << 20;

	@ParameterizedTest
	@ValueSource(booleans = { true, false })
	void manyFullChunksRoundTripWithTheRightDigests(boolean knownSize) throws Exception {
		byte[] plaintext = TestArchives.random(24 * MIB + 12345, 7);
		EncryptOptions options = new EncryptOptions("big.bin", knownSize ? plaintext.length : -1, MIB);
		byte[] archive = TestArchives.encrypt(plaintext, options, TestArchives.alice());

		try (DecryptingInputStream in = Sealdrop.decrypt(new ByteArrayInputStream(archive),
				List.of(TestArchives.alice()))) {
			assertThat(in.readAllBytes()).isEqualTo(plaintext);
			assertThat(in.sha256()).isEqualTo(Sha256.of(plaintext, 0, plaintext.length));
		}
		assertThat(checksumLines(archive)).isEqualTo(expectedChecksumLines(archive));
	}

	@Test
	void theChunksOfTheLowLevelReaderStayValidAfterNext() throws Exception {
		byte[] plaintext = TestArchives.random(6 * MIB, 8);
		byte[] archive = TestArchives.encrypt(plaintext, new EncryptOptions("x", plaintext.length, MIB),
				TestArchives.alice());
		List<byte[]> sealed = new ArrayList<>();
		try (ArchiveReader reader = ArchiveReader.open(new ByteArrayInputStream(archive), List.of(TestArchives.alice()),
				ReaderLimits.defaults())) {
			ArchiveReader.Chunk chunk;
			while ((chunk = reader.next()) != null) {
				sealed.add(chunk.sealed());
			}
		}
		List<TestArchives.Entry> chunks = TestArchives.entries(archive)
			.stream()
			.filter((entry) -> entry.name().startsWith("chunks/"))
			.toList();
		assertThat(sealed).hasSameSizeAs(chunks);
		for (int i = 0; i < sealed.size(); i++) {
			assertThat(sealed.get(i)).as("chunk %d", i).isEqualTo(chunks.get(i).data());
		}
	}

	@Test
	void chunkHashesListedInTheHeaderAreCheckedWhileChunksOpenInParallel() throws Exception {
		byte[] plaintext = TestArchives.random(5 * MIB + 3, 9);
		byte[] archive = TestArchives.encrypt(plaintext, new EncryptOptions("x", plaintext.length, MIB),
				TestArchives.alice());
		byte[] listed = ServerStyle.rewrap(archive, TestArchives.alice(), TestArchives.bob(), true);
		assertThat(TestArchives.decrypt(listed, TestArchives.bob())).isEqualTo(plaintext);
	}

	@Test
	void aModifiedFullChunkIsStillReportedAgainstTheListedHashFirst() throws Exception {
		byte[] plaintext = TestArchives.random(3 * MIB, 10);
		byte[] archive = TestArchives.encrypt(plaintext, new EncryptOptions("x", plaintext.length, MIB),
				TestArchives.alice());
		byte[] listed = ServerStyle.rewrap(archive, TestArchives.alice(), TestArchives.bob(), true);
		List<TestArchives.Entry> entries = new ArrayList<>(TestArchives.entries(listed));
		for (int i = 0; i < entries.size(); i++) {
			if (entries.get(i).name().equals("chunks/chunk_2.enc")) {
				byte[] data = entries.get(i).data().clone();
				data[MIB / 2] ^= 1;
				entries.set(i, entries.get(i).withData(data));
			}
		}
		byte[] tampered = TestArchives.zip(entries);
		assertThatExceptionOfType(IntegrityException.class)
			.isThrownBy(() -> TestArchives.decrypt(tampered, TestArchives.bob()))
			.withMessageContaining("chunk 2: sha256 does not match metadata.json");
	}

	@Test
	void theBackgroundDigestEqualsTheDigestOfAllUpdatesInOrder() {
		byte[] data = TestArchives.random(4 * MIB, 11);
		BackgroundSha256 background = new BackgroundSha256();
		int[] sizes = { 1, HashThreads.INLINE_BELOW - 1, HashThreads.INLINE_BELOW, MIB, 17, MIB + 5, 0, 3 };
		int off = 0;
		for (int size : sizes) {
			background.update(data, off, size);
			off += size;
		}
		assertThat(background.digest()).isEqualTo(Sha256.of(data, 0, off));
		assertThat(background.digest()).as("reset after digest()").isEqualTo(Sha256.of(new byte[0], 0, 0));
	}

	@Test
	void chunkDigestsKeepTheOrderOfMixedInlineAndBackgroundHashes() {
		byte[] data = TestArchives.random(3 * MIB, 12);
		try (ChunkDigests digests = new ChunkDigests()) {
			digests.addLater(data, 0, MIB, 1);
			digests.add(data, MIB, 100, 2);
			digests.addLater(data, MIB + 100, 5, 3);
			digests.addLater(data, 2 * MIB, MIB, 4);
			assertThat(digests.last()).isEqualTo(Sha256.of(data, 2 * MIB, MIB));
			ChunkTable all = digests.table();
			assertThat(all.size()).isEqualTo(4);
			assertThat(all.sha256(0)).isEqualTo(Sha256.of(data, 0, MIB));
			assertThat(all.sha256(1)).isEqualTo(Sha256.of(data, MIB, 100));
			assertThat(all.sha256(2)).isEqualTo(Sha256.of(data, MIB + 100, 5));
			assertThat(all.sha256(3)).isEqualTo(Sha256.of(data, 2 * MIB, MIB));
			assertThat(new long[] { all.crc32(0), all.crc32(1), all.crc32(2), all.crc32(3) }).containsExactly(1, 2, 3, 4);
		}
	}

	@Test
	void waitingForAHashKeepsTheInterruptStatus() {
		byte[] data = TestArchives.random(2 * MIB, 13);
		BackgroundSha256 background = new BackgroundSha256();
		background.update(data, 0, 2 * MIB);
		Thread.currentThread().interrupt();
		try {
			assertThat(background.digest()).isEqualTo(Sha256.of(data, 0, 2 * MIB));
			assertThat(Thread.currentThread().isInterrupted()).isTrue();
		}
		finally {
			Thread.interrupted();
		}
	}

	private static List<String> checksumLines(byte[] archive) {
		return TestArchives.entries(archive)
			.stream()
			.filter((entry) -> entry.name().equals("checksums.txt"))
			.findFirst()
			.orElseThrow()
			.text()
			.lines()
			.filter((line) -> line.startsWith("chunk_"))
			.toList();
	}

	private static List<String> expectedChecksumLines(byte[] archive) {
		List<String> lines = new ArrayList<>();
		for (TestArchives.Entry entry : TestArchives.entries(archive)) {
			if (entry.name().startsWith("chunks/chunk_")) {
				String number = entry.name().substring("chunks/chunk_".length(), entry.name().length() - ".enc".length());
				lines.add("chunk_" + number + ": " + Hex.encode(Sha256.of(entry.data(), 0, entry.data().length)));
			}
		}
		return lines;
	}

}
