package dev.sealdrop.format;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.sealdrop.format.TestArchives.SMALL_CHUNK;
import static dev.sealdrop.format.TestArchives.alice;
import static dev.sealdrop.format.TestArchives.bob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArchiveWriterTests {

	@ParameterizedTest(name = "{0} bytes, known size {1}, {2} recipients, chunk hashes {3}")
	@CsvSource({ "0, true, 1, false", "1, true, 1, true", "65535, false, 2, false", "65536, true, 3, true",
			"200001, true, 16, true", "200001, false, 1, false", "1000000, true, 1, false" })
	void lengthIsTheExactLengthOfTheArchive(int size, boolean known, int recipients, boolean withHashes) throws IOException {
		byte[] plaintext = TestArchives.random(size, size);
		Identity[] to = new Identity[recipients];
		java.util.Arrays.fill(to, alice());
		byte[] archive = TestArchives.encrypt(plaintext, known, to);
		byte[] served = rewrap(archive, recipients, withHashes);
		PayloadHeader payload = payloadOf(archive);
		long chunks = PayloadHeader.chunksFor(size, SMALL_CHUNK);
		assertThat(ArchiveWriter.length(payload, chunks, size, recipients, withHashes)).isEqualTo(served.length);
		if (recipients == 1 || !withHashes) {
			assertThat(ArchiveWriter.length(payload, chunks, size, recipients, false))
				.isEqualTo((recipients == 1 && !withHashes) ? served.length : ArchiveWriter.length(payload, chunks, size, recipients, false));
		}
		assertThat(TestArchives.decrypt(served, alice())).isEqualTo(plaintext);
	}

	@Test
	void lengthMatchesWhatTheEncryptingStreamWrites() {
		for (int size : new int[] { 0, 5, 3 * SMALL_CHUNK }) {
			byte[] archive = TestArchives.encrypt(new byte[size], true, alice(), bob());
			PayloadHeader payload = payloadOf(archive);
			assertThat(ArchiveWriter.length(payload, payload.totalChunks(), size, 2, false)).isEqualTo(archive.length);
		}
	}

	@Test
	void aServerCanRewrapStoredChunksForAnotherRecipient() throws IOException {
		byte[] plaintext = TestArchives.random(150_000, 5);
		byte[] upload = TestArchives.encrypt(plaintext, false, alice());
		byte[] download = ServerStyle.rewrap(upload, alice(), bob(), false);
		assertThat(TestArchives.decrypt(download, bob())).isEqualTo(plaintext);
		assertThatThrownBy(() -> TestArchives.decrypt(download, alice())).isInstanceOf(NoMatchingKeyException.class);
		// the chunks are the same bytes
		assertThat(TestArchives.entries(download).get(1).data()).isEqualTo(TestArchives.entries(upload).get(1).data());
	}

	@ParameterizedTest(name = "{0} bytes, known size {1}, chunk hashes {2}")
	@CsvSource({ "0, true, false", "0, false, false", "1, true, true", "65535, false, false", "65536, true, true",
			"65536, false, false", "65537, true, false", "200001, false, false", "200001, true, true" })
	void theWriterWritesWhatCommonsCompressWrites(int size, boolean known, boolean withHashes) throws IOException {
		byte[] upload = TestArchives.encrypt(TestArchives.random(size, size), known, alice());
		List<byte[]> sealed = new ArrayList<>();
		try (ArchiveReader reader = ArchiveReader.open(new ByteArrayInputStream(upload), List.of(alice()),
				ReaderLimits.defaults())) {
			ArchiveReader.Chunk chunk;
			while ((chunk = reader.next()) != null) {
				sealed.add(chunk.sealed());
			}
			List<byte[]> hashes = withHashes ? sealed.stream().map((c) -> Sha256.of(c, 0, c.length)).toList() : null;
			RecipientStanza stanza = RecipientStanza.wrap(reader.fileKey(), bob().recipient());
			byte[] digest = reader.summary().sealedDigest();
			long chunks = known ? sealed.size() : -1;
			long length = known ? size : -1;

			ByteArrayOutputStream out = new ByteArrayOutputStream();
			try (ArchiveWriter writer = ArchiveWriter.create(out, reader.payload(), chunks, length, List.of(stanza), hashes)) {
				for (byte[] c : sealed) {
					writer.writeChunk(c, 0, c.length);
				}
				writer.finish(digest);
			}
			assertThat(out.toByteArray())
				.isEqualTo(CommonsCompressReference.archive(reader.payload(), List.of(stanza), hashes, sealed, digest));
			assertThat(TestArchives.decrypt(out.toByteArray(), bob())).isEqualTo(TestArchives.random(size, size));
		}
	}

	@Test
	void ofUnknownSizeOnlyTheLastChunkMayBeShort() throws IOException {
		PayloadHeader payload = new PayloadHeader(SMALL_CHUNK, -1, new byte[16], new byte[FileName.SEALED]);
		RecipientStanza stanza = RecipientStanza.wrap(FileKey.generate(), bob().recipient());
		byte[] full = new byte[SMALL_CHUNK + 16];
		try (ArchiveWriter writer = ArchiveWriter.create(OutputStream.nullOutputStream(), payload, -1, -1,
				List.of(stanza), null)) {
			writer.writeChunk(full, 0, full.length);
			// an empty chunk after a full one would be a chunk the layout of §8 has no place for
			assertThatThrownBy(() -> writer.writeChunk(full, 0, 16)).isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("only the last chunk may be short");
			writer.writeChunk(full, 0, 1000);
			assertThatThrownBy(() -> writer.writeChunk(full, 0, full.length)).isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("only the last chunk may be short");
			writer.finish(new byte[48]);
		}
	}

	@Test
	void writeChunkFromAStreamWritesTheSameArchive() throws IOException {
		byte[] upload = TestArchives.encrypt(TestArchives.random(140_000, 9), true, alice());
		List<byte[]> sealed = new ArrayList<>();
		ArchiveReader reader = ArchiveReader.open(new ByteArrayInputStream(upload), List.of(alice()), ReaderLimits.defaults());
		ArchiveReader.Chunk chunk;
		while ((chunk = reader.next()) != null) {
			sealed.add(chunk.sealed());
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ArchiveWriter writer = ArchiveWriter.create(out, reader.payload(), 3, 140_000, reader.fileKey(),
				List.of(bob().recipient()), null);
		for (byte[] s : sealed) {
			writer.writeChunk(new ByteArrayInputStream(s), s.length);
		}
		writer.finish(reader.summary().sealedDigest());
		assertThat(TestArchives.decrypt(out.toByteArray(), bob())).hasSize(140_000);
	}

	@Test
	void theWriterRefusesChunksThatDoNotFitTheLayout() throws IOException {
		byte[] upload = TestArchives.encrypt(new byte[100_000], true, alice());
		PayloadHeader payload = payloadOf(upload);
		ArchiveWriter writer = ArchiveWriter.create(OutputStream.nullOutputStream(), payload, 2, 100_000,
				FileKey.generate(), List.of(bob().recipient()), null);
		assertThatThrownBy(() -> writer.writeChunk(new byte[100], 0, 100)).isInstanceOf(IllegalArgumentException.class);
		writer.writeChunk(new byte[SMALL_CHUNK + 16], 0, SMALL_CHUNK + 16);
		assertThatThrownBy(() -> writer.finish(new byte[48])).isInstanceOf(IllegalStateException.class);
		assertThatThrownBy(() -> ArchiveWriter.create(OutputStream.nullOutputStream(), payload, 3, 100_000,
				FileKey.generate(), List.of(bob().recipient()), null)).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void theWriterDoesNotCloseTheStream() throws IOException {
		boolean[] closed = { false };
		OutputStream out = new ByteArrayOutputStream() {
			@Override
			public void close() {
				closed[0] = true;
			}
		};
		byte[] upload = TestArchives.encrypt(new byte[10], true, alice());
		PayloadHeader payload = payloadOf(upload);
		ArchiveWriter writer = ArchiveWriter.create(out, payload, 1, 10, FileKey.generate(), List.of(bob().recipient()), null);
		writer.writeChunk(new byte[26], 0, 26);
		writer.finish(new byte[48]);
		writer.close();
		assertThat(closed[0]).isFalse();
	}

	@Test
	void aHeaderOfKnownSizeWithTooManyChunksIsWrittenAsOfUnknownSize() throws IOException {
		// 20 000 chunks of 64 KiB do not fit a 1 MiB chunks[] list
		long size = 20_000L * SMALL_CHUNK;
		ByteArrayOutputStream archive = new ByteArrayOutputStream();
		EncryptingOutputStream out = Sealdrop.encrypt(archive, new EncryptOptions("big", size, SMALL_CHUNK),
				List.of(alice().recipient()));
		assertThat(out.payload().originalSize()).isEqualTo(-1);
		assertThat(ArchiveWriter.headerFits(payloadOf(TestArchives.encrypt(new byte[1], true, alice())), 1)).isTrue();
	}

	static PayloadHeader payloadOf(byte[] archive) {
		try {
			ArchiveProbe.V1 probe = (ArchiveProbe.V1) ArchiveProbe.probe(new ByteArrayInputStream(archive), ReaderLimits.defaults());
			return probe.metadata().payload();
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	private static byte[] rewrap(byte[] archive, int recipients, boolean withHashes) throws IOException {
		byte[] once = ServerStyle.rewrap(archive, alice(), alice(), withHashes);
		if (recipients == 1) {
			return once;
		}
		// the same again for n recipients
		List<byte[]> sealed = new ArrayList<>();
		ArchiveReader reader = ArchiveReader.open(new ByteArrayInputStream(archive), List.of(alice()), ReaderLimits.defaults());
		ArchiveReader.Chunk chunk;
		while ((chunk = reader.next()) != null) {
			sealed.add(chunk.sealed());
		}
		List<Recipient> to = new ArrayList<>();
		for (int i = 0; i < recipients; i++) {
			to.add(alice().recipient());
		}
		List<byte[]> hashes = null;
		if (withHashes) {
			hashes = new ArrayList<>();
			for (byte[] s : sealed) {
				hashes.add(ArchiveWriter.sha256().digest(s));
			}
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ArchiveWriter writer = ArchiveWriter.create(out, reader.payload(), reader.summary().chunks(),
				reader.summary().plaintextLength(), reader.fileKey(), to, hashes);
		for (byte[] s : sealed) {
			writer.writeChunk(s, 0, s.length);
		}
		writer.finish(reader.summary().sealedDigest());
		return out.toByteArray();
	}

}
