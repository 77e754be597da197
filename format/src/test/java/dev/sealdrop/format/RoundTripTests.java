package dev.sealdrop.format;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static dev.sealdrop.format.TestArchives.SMALL_CHUNK;
import static dev.sealdrop.format.TestArchives.alice;
import static dev.sealdrop.format.TestArchives.bob;
import static org.assertj.core.api.Assertions.assertThat;

class RoundTripTests {

	static Stream<Arguments> sizes() {
		Random random = new Random(42);
		return Stream.of(0, 1, SMALL_CHUNK - 1, SMALL_CHUNK, SMALL_CHUNK + 1, 3 * SMALL_CHUNK, 5 * 1024 * 1024 + 3,
				random.nextInt(4 * SMALL_CHUNK), random.nextInt(4 * SMALL_CHUNK), random.nextInt(20 * SMALL_CHUNK))
			.flatMap((size) -> Stream.of(Arguments.of(size, true), Arguments.of(size, false)));
	}

	@ParameterizedTest(name = "{0} bytes, size known: {1}")
	@MethodSource("sizes")
	void decryptReturnsWhatWasEncrypted(int size, boolean knownSize) throws Exception {
		byte[] plaintext = TestArchives.random(size, size);
		byte[] archive = TestArchives.encrypt(plaintext, knownSize, alice());
		try (DecryptingInputStream in = Sealdrop.decrypt(new ByteArrayInputStream(archive), List.of(alice()))) {
			assertThat(in.sha256()).isNull();
			assertThat(in.readAllBytes()).isEqualTo(plaintext);
			assertThat(in.sha256()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(plaintext));
			ArchiveHeader header = in.header();
			assertThat(header.formatVersion()).isEqualTo(1);
			assertThat(header.name()).isEqualTo("file.bin");
			assertThat(header.originalSize()).isEqualTo(knownSize ? size : -1);
			assertThat(header.totalChunks()).isEqualTo(knownSize ? Math.max(1, (size + SMALL_CHUNK - 1) / SMALL_CHUNK) : -1);
			assertThat(header.openedWith()).isEqualTo(alice().fingerprint());
			assertThat(header.warnings()).isEmpty();
		}
	}

	@Test
	void theDefaultChunkSizeIsOneMebibyte() throws Exception {
		byte[] plaintext = TestArchives.random(2 * 1024 * 1024 + 17, 7);
		byte[] archive = TestArchives.encrypt(plaintext, EncryptOptions.of("big.bin", plaintext.length), alice());
		assertThat(TestArchives.decrypt(archive, alice())).isEqualTo(plaintext);
		ArchiveInfo info = Sealdrop.inspect(new ByteArrayInputStream(archive));
		assertThat(info.chunkSize()).isEqualTo(1 << 20);
		assertThat(info.totalChunks()).isEqualTo(3);
	}

	@Test
	void aMultiRecipientArchiveOpensWithEitherKey() throws Exception {
		byte[] plaintext = TestArchives.random(100_000, 1);
		byte[] archive = TestArchives.encrypt(plaintext, true, alice(), bob());
		assertThat(TestArchives.decrypt(archive, alice())).isEqualTo(plaintext);
		assertThat(TestArchives.decrypt(archive, bob())).isEqualTo(plaintext);
		try (DecryptingInputStream in = Sealdrop.decrypt(new ByteArrayInputStream(archive), List.of(bob()))) {
			assertThat(in.header().openedWith()).isEqualTo(bob().fingerprint());
		}
	}

	@Test
	void theNameSurvivesEncryptionIncludingUnicodeAndTheEmptyName() throws Exception {
		for (String name : List.of("", "résumé – 2024.pdf", "x".repeat(255), "日本語.txt")) {
			byte[] archive = TestArchives.encrypt(new byte[10], new EncryptOptions(name, 10, SMALL_CHUNK), alice());
			try (DecryptingInputStream in = Sealdrop.decrypt(new ByteArrayInputStream(archive), List.of(alice()))) {
				assertThat(in.header().name()).isEqualTo(name);
			}
		}
	}

	@Test
	void theNameDoesNotAppearInTheArchive() {
		byte[] archive = TestArchives.encrypt(new byte[10], new EncryptOptions("secret-plans.txt", 10, SMALL_CHUNK), alice());
		assertThat(new String(archive, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("secret-plans");
	}

	@Test
	void inspectReportsTheHeaderWithoutAKey() throws IOException {
		byte[] archive = TestArchives.encrypt(new byte[200_000], true, alice(), bob());
		ArchiveInfo info = Sealdrop.inspect(new ByteArrayInputStream(archive));
		assertThat(info.formatVersion()).isEqualTo(1);
		assertThat(info.originalSize()).isEqualTo(200_000);
		assertThat(info.chunkSize()).isEqualTo(SMALL_CHUNK);
		assertThat(info.totalChunks()).isEqualTo(4);
		assertThat(info.recipients()).containsExactly(alice().fingerprint().toString(), bob().fingerprint().toString());
		assertThat(info.keyEncryption()).isEqualTo("HPKE-P384-SHA256-AES256GCM");
		assertThat(info.encryptionAlgorithm()).isEqualTo("AES-256-GCM-STREAM");
		assertThat(info.metadataBytes()).isEqualTo(TestArchives.entries(archive).get(0).data().length);
	}

	@Test
	void theEncryptingStreamReportsLengthAndDigest() throws Exception {
		byte[] plaintext = TestArchives.random(70_000, 3);
		java.io.ByteArrayOutputStream archive = new java.io.ByteArrayOutputStream();
		EncryptingOutputStream out = Sealdrop.encrypt(archive, EncryptOptions.of("a", -1), List.of(alice().recipient()));
		out.write(plaintext);
		assertThat(out.plaintextSha256()).isNull();
		out.close();
		assertThat(out.plaintextLength()).isEqualTo(70_000);
		assertThat(out.plaintextSha256()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(plaintext));
	}

	@Test
	void everyEntryIsStoredWithSizeAndCrcInTheLocalHeaderAndNoDataDescriptor() throws IOException {
		byte[] archive = TestArchives.encrypt(new byte[SMALL_CHUNK + 1], false, alice());
		try (org.apache.commons.compress.archivers.zip.ZipArchiveInputStream in = new org.apache.commons.compress.archivers.zip.ZipArchiveInputStream(
				new ByteArrayInputStream(archive))) {
			org.apache.commons.compress.archivers.zip.ZipArchiveEntry entry;
			int count = 0;
			while ((entry = in.getNextEntry()) != null) {
				assertThat(entry.getMethod()).isEqualTo(org.apache.commons.compress.archivers.zip.ZipArchiveEntry.STORED);
				assertThat(entry.getGeneralPurposeBit().usesDataDescriptor()).isFalse();
				assertThat(entry.getSize()).isEqualTo(in.readAllBytes().length);
				assertThat(entry.getTime()).isEqualTo(1577836800000L);
				count++;
			}
			assertThat(count).isEqualTo(4);
		}
	}

	@Test
	void theArchiveHasExactlyTheEntriesOfTheLayout() {
		byte[] archive = TestArchives.encrypt(new byte[2 * SMALL_CHUNK + 1], true, alice());
		assertThat(TestArchives.entries(archive)).extracting(TestArchives.Entry::name)
			.containsExactly("metadata.json", "chunks/chunk_1.enc", "chunks/chunk_2.enc", "chunks/chunk_3.enc",
					"checksums.txt");
	}

}
