package dev.sealdrop.format;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The frame must produce, byte for byte, what Commons Compress writes for the same stored chunks
 * ({@link CommonsCompressReference}), and so must ArchiveWriter, which finishes through a frame.
 */
class ArchiveFrameTests {

	private static final int CHUNK = TestArchives.SMALL_CHUNK;

	@ParameterizedTest
	@ValueSource(ints = { 0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK + 5 })
	void theFrameWritesTheSameBytesAsCommonsCompress(int size) throws IOException {
		for (boolean knownSize : new boolean[] { true, false }) {
			Stored stored = Stored.of(TestArchives.random(size, size), knownSize);
			assertThat(stored.payload.originalSize() >= 0).isEqualTo(knownSize);
			byte[] expected = stored.written();
			ArchiveFrame frame = stored.frame();
			assertThat(frame.length()).isEqualTo(expected.length);
			assertThat(stored.framed(frame, 0, frame.length())).isEqualTo(expected);
			assertThat(TestArchives.decrypt(expected, TestArchives.bob())).isEqualTo(TestArchives.random(size, size));
		}
	}

	@Test
	void anyRangeIsTheSameSliceOfTheWholeArchive() throws IOException {
		Stored stored = Stored.of(TestArchives.random(2 * CHUNK + 77, 7), true);
		byte[] expected = stored.written();
		ArchiveFrame frame = stored.frame();
		Random random = new Random(11);
		for (int i = 0; i < 300; i++) {
			int start = random.nextInt(expected.length + 1);
			int count = random.nextInt(expected.length - start + 1);
			assertThat(stored.framed(frame, start, count)).as("bytes %d+%d", start, count)
				.isEqualTo(Arrays.copyOfRange(expected, start, start + count));
		}
		// every boundary of the first entries and of the end
		for (int start = 0; start < 2000; start += 13) {
			assertThat(stored.framed(frame, start, 1)).isEqualTo(new byte[] { expected[start] });
		}
		assertThat(stored.framed(frame, expected.length, 0)).isEmpty();
	}

	@Test
	void chunksAreAskedForByIndexAndOffset() throws IOException {
		Stored stored = Stored.of(TestArchives.random(2 * CHUNK + 10, 3), true);
		ArchiveFrame frame = stored.frame();
		assertThat(frame.chunkLength(0)).isEqualTo(CHUNK + 16);
		assertThat(frame.chunkLength(2)).isEqualTo(10 + 16);
		List<String> asked = new ArrayList<>();
		frame.write(0, frame.length(), new ArchiveFrame.Target() {
			@Override
			public void write(byte[] bytes, int off, int len) {
			}

			@Override
			public void writeChunk(long index, long offset, long length) {
				asked.add(index + "@" + offset + "+" + length);
			}
		});
		assertThat(asked).containsExactly("0@0+" + (CHUNK + 16), "1@0+" + (CHUNK + 16), "2@0+26");
	}

	@Test
	void inconsistentInputIsRefused() throws IOException {
		Stored stored = Stored.of(TestArchives.random(CHUNK + 1, 5), true);
		List<RecipientStanza> stanzas = List.of(stored.stanza);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ArchiveFrame.of(stored.payload, stored.size, stanzas, stored.hashes.subList(0, 1), stored.crcs, stored.digest));
		assertThatIllegalArgumentException().isThrownBy(
				() -> ArchiveFrame.of(stored.payload, stored.size, stanzas, stored.hashes, new long[] { 1 }, stored.digest));
		assertThatIllegalArgumentException().isThrownBy(
				() -> ArchiveFrame.of(stored.payload, stored.size, stanzas, stored.hashes, new long[] { -1, 1 }, stored.digest));
		assertThatIllegalArgumentException().isThrownBy(
				() -> ArchiveFrame.of(stored.payload, stored.size, stanzas, List.of(new byte[32], new byte[31]), stored.crcs, stored.digest));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ArchiveFrame.of(stored.payload, stored.size, stanzas, stored.hashes, stored.crcs, new byte[47]));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ArchiveFrame.of(stored.payload, stored.size, List.of(), stored.hashes, stored.crcs, stored.digest));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ArchiveFrame.of(stored.payload, stored.size + 1, stanzas, stored.hashes, stored.crcs, stored.digest));
		PayloadHeader unknown = new PayloadHeader(CHUNK, -1, new byte[16], new byte[FileName.SEALED]);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ArchiveFrame.of(unknown, -1, stanzas, stored.hashes, stored.crcs, stored.digest));
		ArchiveFrame frame = stored.frame();
		ArchiveFrame.Target nothing = new ArchiveFrame.Target() {
			@Override
			public void write(byte[] bytes, int off, int len) {
			}

			@Override
			public void writeChunk(long index, long offset, long length) {
			}
		};
		assertThatIllegalArgumentException().isThrownBy(() -> frame.write(-1, 1, nothing));
		assertThatIllegalArgumentException().isThrownBy(() -> frame.write(0, frame.length() + 1, nothing));
		assertThatIllegalArgumentException().isThrownBy(() -> frame.write(frame.length(), 1, nothing));
	}

	/**
	 * Past 4 GiB the central directory takes ZIP64 offsets, and past 65 535 entries the end records
	 * turn ZIP64: 65 600 chunks of 64 KiB cross both (only a payload written from a stream of unknown
	 * length can have that many chunks: a known size lists them all in a header of at most 1 MiB). The
	 * chunk data is zeros (the writer does not open chunks); only the generated bytes are compared,
	 * position by position.
	 */
	@Test
	void theFrameAndTheWriterFollowCommonsCompressIntoZip64() throws IOException {
		long chunks = 65_600;
		int lastPlain = 1000;
		long size = (chunks - 1) * CHUNK + lastPlain;
		PayloadHeader payload = new PayloadHeader(CHUNK, -1, new byte[16], new byte[FileName.SEALED]);
		byte[] full = new byte[CHUNK + 16];
		byte[] last = new byte[lastPlain + 16];
		byte[] fullHash = Sha256.of(full, 0, full.length);
		byte[] lastHash = Sha256.of(last, 0, last.length);
		long fullCrc = crc(full);
		long lastCrc = crc(last);
		List<byte[]> hashes = new ArrayList<>();
		long[] crcs = new long[(int) chunks];
		for (int i = 0; i < chunks; i++) {
			boolean isLast = i == chunks - 1;
			hashes.add(isLast ? lastHash : fullHash);
			crcs[i] = isLast ? lastCrc : fullCrc;
		}
		RecipientStanza stanza = RecipientStanza.wrap(FileKey.generate(), TestArchives.bob().recipient());
		byte[] digest = new byte[48];
		ArchiveFrame frame = ArchiveFrame.of(payload, size, List.of(stanza), hashes, crcs, digest);
		assertThat(frame.length()).isGreaterThan(0xFFFFFFFFL);

		Generated generated = new Generated();
		frame.write(0, frame.length(), generated);
		Comparing reference = new Comparing(generated);
		try (CommonsCompressReference zip = new CommonsCompressReference(reference, payload, List.of(stanza), hashes)) {
			for (int i = 0; i < chunks; i++) {
				boolean isLast = i == chunks - 1;
				byte[] sealed = isLast ? last : full;
				zip.chunk(sealed, 0, sealed.length, isLast ? lastHash : fullHash);
			}
			zip.finish(digest);
		}
		assertThat(reference.position).isEqualTo(frame.length());
		assertThat(reference.checked).isEqualTo(generated.total);
		assertThat(reference.chunkBytes).isEqualTo(size + 16 * chunks);

		// the writer's chunk table outgrows memory here, so its trailer and directory come from the file
		assertThat(chunks).isGreaterThan(ChunkTable.DEFAULT_MEMORY_RECORDS);
		Comparing written = new Comparing(generated);
		try (ArchiveWriter writer = ArchiveWriter.create(written, payload, chunks, size, List.of(stanza), hashes)) {
			for (int i = 0; i < chunks; i++) {
				byte[] sealed = (i == chunks - 1) ? last : full;
				writer.writeChunk(sealed, 0, sealed.length);
			}
			writer.finish(digest);
		}
		assertThat(written.position).isEqualTo(frame.length());
		assertThat(written.checked).isEqualTo(generated.total);
		assertThat(written.chunkBytes).isEqualTo(size + 16 * chunks);
	}

	private static long crc(byte[] bytes) {
		CRC32 crc = new CRC32();
		crc.update(bytes);
		return crc.getValue();
	}

	/** The generated parts of a frame, with their archive positions. */
	private static final class Generated implements ArchiveFrame.Target {

		final List<long[]> positions = new ArrayList<>();

		final List<byte[]> parts = new ArrayList<>();

		long position;

		long total;

		@Override
		public void write(byte[] bytes, int off, int len) {
			this.positions.add(new long[] { this.position });
			this.parts.add(Arrays.copyOfRange(bytes, off, off + len));
			this.position += len;
			this.total += len;
		}

		@Override
		public void writeChunk(long index, long offset, long length) {
			this.position += length;
		}

	}

	/** Checks a writer's output against the generated parts; other bytes must be chunk data. */
	private static final class Comparing extends OutputStream {

		private final Generated expected;

		private int part;

		long position;

		long checked;

		long chunkBytes;

		Comparing(Generated expected) {
			this.expected = expected;
		}

		@Override
		public void write(int b) {
			write(new byte[] { (byte) b }, 0, 1);
		}

		@Override
		public void write(byte[] b, int off, int len) {
			int done = 0;
			while (done < len) {
				long at = this.position + done;
				while (this.part < this.expected.parts.size() && at >= end(this.part)) {
					this.part++;
				}
				long partStart = (this.part < this.expected.parts.size()) ? this.expected.positions.get(this.part)[0]
						: Long.MAX_VALUE;
				if (at < partStart) {
					// chunk data up to the next generated part
					int n = (int) Math.min(len - done, partStart - at);
					this.chunkBytes += n;
					done += n;
					continue;
				}
				byte[] want = this.expected.parts.get(this.part);
				int from = (int) (at - partStart);
				int n = Math.min(len - done, want.length - from);
				int mismatch = Arrays.mismatch(want, from, from + n, b, off + done, off + done + n);
				if (mismatch >= 0) {
					throw new AssertionError("byte " + (at + mismatch) + " differs from the frame's");
				}
				this.checked += n;
				done += n;
			}
			this.position += len;
		}

		private long end(int part) {
			return this.expected.positions.get(part)[0] + this.expected.parts.get(part).length;
		}

	}

	/** What a server keeps of an upload: the sealed chunks, their hashes and CRCs, and one stanza for bob. */
	private static final class Stored {

		final PayloadHeader payload;

		final long size;

		final List<byte[]> sealed;

		final List<byte[]> hashes;

		final long[] crcs;

		final byte[] digest;

		final RecipientStanza stanza;

		private Stored(PayloadHeader payload, long size, List<byte[]> sealed, byte[] digest, RecipientStanza stanza) {
			this.payload = payload;
			this.size = size;
			this.sealed = sealed;
			this.digest = digest;
			this.stanza = stanza;
			this.hashes = sealed.stream().map((s) -> Sha256.of(s, 0, s.length)).toList();
			this.crcs = sealed.stream().mapToLong(ArchiveFrameTests::crc).toArray();
		}

		static Stored of(byte[] plaintext, boolean knownSize) throws IOException {
			byte[] archive = TestArchives.encrypt(plaintext, knownSize, TestArchives.alice());
			List<byte[]> sealed = new ArrayList<>();
			try (ArchiveReader reader = ArchiveReader.open(new ByteArrayInputStream(archive),
					List.of(TestArchives.alice()), ReaderLimits.defaults())) {
				ArchiveReader.Chunk chunk;
				while ((chunk = reader.next()) != null) {
					sealed.add(chunk.sealed());
				}
				RecipientStanza stanza = RecipientStanza.wrap(reader.fileKey(), TestArchives.bob().recipient());
				ArchiveReader.Summary summary = reader.summary();
				return new Stored(reader.payload(), summary.plaintextLength(), sealed, summary.sealedDigest(), stanza);
			}
		}

		ArchiveFrame frame() {
			return ArchiveFrame.of(this.payload, this.size, List.of(this.stanza), this.hashes, this.crcs, this.digest);
		}

		byte[] written() throws IOException {
			return CommonsCompressReference.archive(this.payload, List.of(this.stanza), this.hashes, this.sealed, this.digest);
		}

		byte[] framed(ArchiveFrame frame, long start, long count) throws IOException {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			frame.write(start, count, new ArchiveFrame.Target() {
				@Override
				public void write(byte[] bytes, int off, int len) {
					out.write(bytes, off, len);
				}

				@Override
				public void writeChunk(long index, long offset, long length) {
					out.write(Stored.this.sealed.get((int) index), (int) offset, (int) length);
				}
			});
			return out.toByteArray();
		}

	}

}
