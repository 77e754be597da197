package dev.sealdrop.format;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static dev.sealdrop.format.TestArchives.SMALL_CHUNK;
import static dev.sealdrop.format.TestArchives.alice;
import static dev.sealdrop.format.TestArchives.bob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One test per way an archive can be damaged or forged: each must be rejected, with the right error class. */
class TamperingTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final byte[] PLAINTEXT = TestArchives.random(3 * SMALL_CHUNK + 100, 11);

	private static final byte[] KNOWN = TestArchives.encrypt(PLAINTEXT, true, alice());

	private static final byte[] UNKNOWN = TestArchives.encrypt(PLAINTEXT, false, alice());

	// ---- helpers

	private static AbstractThrowableAssert<?, ? extends Throwable> assertDecrypt(byte[] archive) {
		return assertThatThrownBy(() -> TestArchives.decrypt(archive, alice())).isInstanceOf(SealdropException.class);
	}

	private static List<TestArchives.Entry> entries(byte[] archive) {
		return new ArrayList<>(TestArchives.entries(archive));
	}

	private static byte[] withMetadata(byte[] archive, Consumer<ObjectNode> change) {
		List<TestArchives.Entry> entries = entries(archive);
		ObjectNode root = (ObjectNode) JSON.readTree(entries.get(0).data());
		change.accept(root);
		entries.set(0, entries.get(0).withData(JSON.writeValueAsBytes(root)));
		return TestArchives.zip(entries);
	}

	private static byte[] withMetadataText(byte[] archive, java.util.function.UnaryOperator<String> change) {
		List<TestArchives.Entry> entries = entries(archive);
		entries.set(0, entries.get(0).withData(change.apply(entries.get(0).text()).getBytes(StandardCharsets.UTF_8)));
		return TestArchives.zip(entries);
	}

	private static ObjectNode info(ObjectNode root) {
		return (ObjectNode) root.get("file_info");
	}

	private static int offsetOf(byte[] haystack, byte[] needle) {
		outer: for (int i = 0; i <= haystack.length - needle.length; i++) {
			for (int j = 0; j < needle.length; j++) {
				if (haystack[i + j] != needle[j]) {
					continue outer;
				}
			}
			return i;
		}
		throw new AssertionError("not found");
	}

	// ---- the archive as produced is fine (so the failures below are caused by the change)

	@Test
	void theUntouchedArchivesDecrypt() throws IOException {
		assertThat(TestArchives.decrypt(KNOWN, alice())).isEqualTo(PLAINTEXT);
		assertThat(TestArchives.decrypt(UNKNOWN, alice())).isEqualTo(PLAINTEXT);
		assertThat(TestArchives.decrypt(TestArchives.zip(entries(KNOWN)), alice())).isEqualTo(PLAINTEXT);
		// the test helper frames entries as the writer does, byte for byte
		assertThat(TestArchives.zip(entries(KNOWN))).isEqualTo(KNOWN);
	}

	// ---- flipped bits, as stored (the CRC-32 or the ciphertext catches them)

	@ParameterizedTest(name = "entry {0}")
	@ValueSource(ints = { 0, 1, 2, 3, 4, 5 })
	void aFlippedBitInAnyEntryIsAnIntegrityFailure(int entry) {
		TestArchives.Entry target = entries(KNOWN).get(entry);
		int offset = offsetOf(KNOWN, target.data()) + target.data().length / 2;
		assertDecrypt(TestArchives.flipBit(KNOWN, offset)).isInstanceOf(IntegrityException.class);
	}

	@ParameterizedTest(name = "local header of entry {0}")
	@ValueSource(ints = { 0, 1, 2, 3, 4, 5 })
	void aFlippedBitInALocalHeaderNameIsRejected(int entry) {
		TestArchives.Entry target = entries(KNOWN).get(entry);
		int nameOffset = offsetOf(KNOWN, target.data()) - target.name().length() + target.name().length() / 2;
		assertDecrypt(TestArchives.flipBit(KNOWN, nameOffset));
	}

	@Test
	void aFlippedBitInALocalHeaderSizeIsRejected() {
		TestArchives.Entry chunk = entries(KNOWN).get(2);
		int header = offsetOf(KNOWN, chunk.data()) - chunk.name().length() - 30;
		assertDecrypt(TestArchives.flipBit(KNOWN, header + 18)).isInstanceOf(SealdropException.class);
	}

	@Test
	void aDataDescriptorFlagOnAStoredEntryIsMalformed() {
		TestArchives.Entry chunk = entries(KNOWN).get(1);
		int header = offsetOf(KNOWN, chunk.data()) - chunk.name().length() - 30;
		byte[] archive = KNOWN.clone();
		archive[header + 6] |= 0x08;
		assertDecrypt(archive).isInstanceOf(MalformedArchiveException.class).hasMessageContaining("data descriptor");
	}

	// ---- flipped bits with the CRC-32 recomputed: the format's own checks catch them

	@Test
	void aFlippedBitInAChunkFailsAuthenticationNamingTheChunk() {
		for (int i = 1; i <= 4; i++) {
			List<TestArchives.Entry> entries = entries(KNOWN);
			TestArchives.Entry chunk = entries.get(i);
			entries.set(i, chunk.withData(TestArchives.flipBit(chunk.data(), chunk.data().length - 1)));
			assertDecrypt(TestArchives.zip(entries)).isInstanceOf(IntegrityException.class)
				.hasMessage("chunk " + i + ": authentication failed" + ((i == 4) ? " as the last chunk" : ""));
		}
	}

	@Test
	void aChunkThatDoesNotMatchItsSha256InMetadataIsAnIntegrityFailure() throws IOException {
		// a server-written archive carries chunks[].sha256; rebuild one through the ArchiveWriter
		List<TestArchives.Entry> entries = entries(ServerStyle.rewrap(KNOWN, alice(), alice(), true));
		TestArchives.Entry chunk = entries.get(2);
		entries.set(2, chunk.withData(TestArchives.flipBit(chunk.data(), 0)));
		assertDecrypt(TestArchives.zip(entries)).isInstanceOf(IntegrityException.class)
			.hasMessage("chunk 2: sha256 does not match metadata.json");
	}

	@Test
	void aChangedChecksumLineIsAnIntegrityFailure() {
		List<TestArchives.Entry> entries = entries(KNOWN);
		String trailer = entries.get(5).text();
		int at = trailer.indexOf("chunk_2: ") + 9;
		char c = trailer.charAt(at);
		trailer = trailer.substring(0, at) + (c == '0' ? '1' : '0') + trailer.substring(at + 1);
		entries.set(5, entries.get(5).withData(trailer.getBytes(StandardCharsets.US_ASCII)));
		assertDecrypt(TestArchives.zip(entries)).isInstanceOf(IntegrityException.class)
			.hasMessage("checksums.txt: chunk_2 does not match");
	}

	@Test
	void aFlippedBitInTheSealedDigestIsAnIntegrityFailure() {
		List<TestArchives.Entry> entries = entries(KNOWN);
		String trailer = entries.get(5).text();
		String digest = trailer.substring(trailer.indexOf("sealed_sha256: ") + 15, trailer.length() - 1);
		byte[] sealed = TestArchives.flipBit(java.util.Base64.getDecoder().decode(digest), 5);
		trailer = trailer.replace(digest, java.util.Base64.getEncoder().encodeToString(sealed));
		entries.set(5, entries.get(5).withData(trailer.getBytes(StandardCharsets.US_ASCII)));
		assertDecrypt(TestArchives.zip(entries)).isInstanceOf(IntegrityException.class)
			.hasMessageContaining("sealed_sha256 does not authenticate");
	}

	@Test
	void aTrailerWithExtraLinesIsRejected() {
		List<TestArchives.Entry> entries = entries(KNOWN);
		entries.set(5, entries.get(5).withData((entries.get(5).text() + "note: hi\n").getBytes(StandardCharsets.US_ASCII)));
		assertDecrypt(TestArchives.zip(entries));
	}

	@Test
	void aFlippedBitInTheEncryptedNameIsAnIntegrityFailure() {
		byte[] archive = withMetadata(KNOWN, (root) -> {
			byte[] name = java.util.Base64.getDecoder().decode(info(root).get("encrypted_name").asString());
			info(root).put("encrypted_name", java.util.Base64.getEncoder().encodeToString(TestArchives.flipBit(name, 3)));
		});
		assertDecrypt(archive).isInstanceOf(IntegrityException.class).hasMessageContaining("encrypted_name");
	}

	@Test
	void aStanzaThatNamesTheKeyButDoesNotOpenIsAnIntegrityFailure() {
		byte[] archive = withMetadata(KNOWN, (root) -> {
			ObjectNode keys = (ObjectNode) root.get("keys");
			byte[] key = java.util.Base64.getDecoder().decode(keys.get("encrypted_key").asString());
			keys.put("encrypted_key", java.util.Base64.getEncoder().encodeToString(TestArchives.flipBit(key, 0)));
		});
		assertDecrypt(archive).isInstanceOf(IntegrityException.class);
	}

	@Test
	void aStanzaThatDoesNotOpenIsNotRetriedWithAnotherStanza() {
		byte[] both = TestArchives.encrypt(PLAINTEXT, true, alice(), alice());
		byte[] archive = withMetadata(both, (root) -> {
			ObjectNode keys = (ObjectNode) root.get("keys");
			byte[] key = java.util.Base64.getDecoder().decode(keys.get("encrypted_key").asString());
			keys.put("encrypted_key", java.util.Base64.getEncoder().encodeToString(TestArchives.flipBit(key, 0)));
		});
		assertDecrypt(archive).isInstanceOf(IntegrityException.class);
	}

	// ---- chunk sequence

	@Test
	void reorderedChunkEntriesAreAnIntegrityFailure() {
		List<TestArchives.Entry> entries = entries(KNOWN);
		TestArchives.Entry second = entries.get(2);
		entries.set(2, entries.get(3));
		entries.set(3, second);
		assertDecrypt(TestArchives.zip(entries)).isInstanceOf(IntegrityException.class)
			.hasMessage("entry 'chunks/chunk_3.enc' out of order: expected 'chunks/chunk_2.enc'");
	}

	@Test
	void swappedChunkContentsFailAuthentication() {
		List<TestArchives.Entry> entries = entries(KNOWN);
		byte[] second = entries.get(2).data();
		entries.set(2, entries.get(2).withData(entries.get(3).data()));
		entries.set(3, entries.get(3).withData(second));
		assertDecrypt(TestArchives.zip(entries)).isInstanceOf(IntegrityException.class)
			.hasMessage("chunk 2: authentication failed");
	}

	@Test
	void aDroppedChunkIsAnIntegrityFailure() {
		List<TestArchives.Entry> entries = entries(KNOWN);
		entries.remove(2);
		assertDecrypt(TestArchives.zip(entries)).isInstanceOf(IntegrityException.class)
			.hasMessage("entry 'chunks/chunk_3.enc' out of order: expected 'chunks/chunk_2.enc'");
	}

	@Test
	void aDroppedChunkRenumberedIsAnIntegrityFailure() {
		List<TestArchives.Entry> entries = entries(UNKNOWN);
		entries.remove(2);
		entries.set(2, entries.get(2).withName("chunks/chunk_2.enc"));
		entries.set(3, entries.get(3).withName("chunks/chunk_3.enc"));
		assertDecrypt(TestArchives.zip(entries)).isInstanceOf(IntegrityException.class)
			.hasMessage("chunk 2: authentication failed");
	}

	@Test
	void aDuplicatedChunkIsAnIntegrityFailure() {
		List<TestArchives.Entry> entries = entries(KNOWN);
		entries.add(3, entries.get(2));
		assertDecrypt(TestArchives.zip(entries)).isInstanceOf(IntegrityException.class)
			.hasMessage("entry 'chunks/chunk_2.enc' out of order: expected 'chunks/chunk_3.enc'");
	}

	@Test
	void droppingTheLastChunkOfAnArchiveOfKnownSizeIsAnIntegrityFailure() {
		List<TestArchives.Entry> entries = entries(KNOWN);
		entries.remove(4);
		assertDecrypt(TestArchives.zip(entries)).isInstanceOf(IntegrityException.class)
			.hasMessage("chunk 3: the archive ends after 3 of 4 chunks");
	}

	@Test
	void droppingTheLastChunkOfAnArchiveOfUnknownSizeIsAnIntegrityFailure() {
		List<TestArchives.Entry> entries = entries(UNKNOWN);
		entries.remove(4);
		assertDecrypt(TestArchives.zip(entries)).isInstanceOf(IntegrityException.class)
			.hasMessage("chunk 3: authentication failed as the last chunk");
	}

	@Test
	void droppingTheTrailerIsAnIntegrityFailure() {
		List<TestArchives.Entry> entries = entries(UNKNOWN);
		entries.remove(5);
		assertDecrypt(TestArchives.zip(entries)).isInstanceOf(IntegrityException.class)
			.hasMessageContaining("truncated");
	}

	@Test
	void anArchiveCutAnywhereIsRejected() {
		for (int cut : new int[] { 10, 100, 2000, KNOWN.length / 3, KNOWN.length / 2, KNOWN.length - 200, KNOWN.length - 23 }) {
			byte[] truncated = Arrays.copyOf(KNOWN, cut);
			assertThatThrownBy(() -> TestArchives.decrypt(truncated, alice())).as("cut at %d", cut)
				.isInstanceOf(SealdropException.class);
		}
	}

	@Test
	void anArchiveCutAfterTheLastChunkReleasesNoPlaintextOfThatChunk() throws IOException {
		byte[] small = TestArchives.encrypt(new byte[1000], false, alice());
		List<TestArchives.Entry> entries = entries(small);
		entries.remove(2);
		try (DecryptingInputStream in = Sealdrop.decrypt(TestArchives.stream(TestArchives.zip(entries)), List.of(alice()))) {
			assertThatThrownBy(in::read).isInstanceOf(IntegrityException.class);
		}
	}

	@Test
	void aChunkFromAnotherArchiveForTheSameRecipientFailsAuthentication() {
		byte[] other = TestArchives.encrypt(PLAINTEXT, true, alice());
		List<TestArchives.Entry> entries = entries(KNOWN);
		entries.set(2, entries(other).get(2));
		assertDecrypt(TestArchives.zip(entries)).isInstanceOf(IntegrityException.class)
			.hasMessage("chunk 2: authentication failed");
	}

	@Test
	void plaintextBeforeACorruptChunkIsReleasedButNothingAfterAndErrorsAreSticky() throws IOException {
		List<TestArchives.Entry> entries = entries(KNOWN);
		entries.set(2, entries.get(2).withData(TestArchives.flipBit(entries.get(2).data(), 100)));
		try (DecryptingInputStream in = Sealdrop.decrypt(TestArchives.stream(TestArchives.zip(entries)), List.of(alice()))) {
			ByteArrayOutputStream released = new ByteArrayOutputStream();
			byte[] buffer = new byte[4096];
			IOException failure = null;
			try {
				int n;
				while ((n = in.read(buffer)) >= 0) {
					released.write(buffer, 0, n);
				}
			}
			catch (IOException ex) {
				failure = ex;
			}
			assertThat(failure).isInstanceOf(IntegrityException.class);
			assertThat(released.toByteArray()).isEqualTo(Arrays.copyOf(PLAINTEXT, SMALL_CHUNK));
			assertThatThrownBy(in::read).isSameAs(failure);
			assertThat(in.sha256()).isNull();
		}
	}

	// ---- container

	@Test
	void aFlippedBitAnywhereInTheCentralDirectoryOrEndRecordIsRejected() {
		for (byte[] archive : new byte[][] { KNOWN, UNKNOWN }) {
			int directory = centralDirectory(archive);
			for (int offset = directory; offset < archive.length; offset++) {
				byte[] damaged = TestArchives.flipBit(archive, offset);
				assertThatThrownBy(() -> TestArchives.decrypt(damaged, alice())).as("byte %d", offset)
					.isInstanceOf(MalformedArchiveException.class)
					.hasMessageContaining("of the central directory and end records is not in the form");
			}
		}
	}

	@Test
	void bytesAfterTheEndRecordAreRejected() {
		byte[] longer = Arrays.copyOf(KNOWN, KNOWN.length + 1);
		assertDecrypt(longer).isInstanceOf(MalformedArchiveException.class).hasMessage("data after the end of the archive");
		byte[] appended = Arrays.copyOf(KNOWN, 2 * KNOWN.length);
		System.arraycopy(KNOWN, 0, appended, KNOWN.length, KNOWN.length);
		assertDecrypt(appended).isInstanceOf(MalformedArchiveException.class).hasMessage("data after the end of the archive");
	}

	@Test
	void anArchiveCutInItsCentralDirectoryIsTruncated() {
		for (int cut : new int[] { 1, 22, KNOWN.length - centralDirectory(KNOWN) }) {
			assertDecrypt(Arrays.copyOf(KNOWN, KNOWN.length - cut)).as("%d bytes cut", cut)
				.isInstanceOf(IntegrityException.class)
				.hasMessage("archive truncated in its central directory");
		}
	}

	@ParameterizedTest(name = "byte {0} of the header")
	@ValueSource(ints = { 4, 5, 6, 7, 10, 11, 12, 13 })
	void aLocalHeaderFieldThatSteersNothingMayNotChangeEither(int field) {
		// version needed, flags, time and date: Commons Compress reads past them, the reader must not
		TestArchives.Entry chunk = entries(KNOWN).get(2);
		int header = offsetOf(KNOWN, chunk.data()) - chunk.name().length() - 30;
		byte[] archive = KNOWN.clone();
		archive[header + field] ^= (field == 6) ? 0x02 : 0x01;
		assertDecrypt(archive).isInstanceOf(MalformedArchiveException.class)
			.hasMessage("the local header of 'chunks/chunk_2.enc' is not in the form FORMAT.md §9 prescribes");
	}

	@Test
	void theSameEntriesZippedByAnotherWriterAreRejected() {
		byte[] rezipped = TestArchives.commonsCompressZip(entries(KNOWN));
		assertDecrypt(rezipped).isInstanceOf(MalformedArchiveException.class)
			.hasMessage("the local header of 'metadata.json' is not in the form FORMAT.md §9 prescribes");
	}

	@Test
	void theLastChunkIsNotReleasedUnlessTheFramingIsCanonical() throws IOException {
		byte[] damaged = TestArchives.flipBit(KNOWN, KNOWN.length - 3);
		try (DecryptingInputStream in = Sealdrop.decrypt(TestArchives.stream(damaged), List.of(alice()))) {
			ByteArrayOutputStream released = new ByteArrayOutputStream();
			assertThatThrownBy(() -> in.transferTo(released)).isInstanceOf(MalformedArchiveException.class);
			assertThat(released.size()).isEqualTo(3 * SMALL_CHUNK);
			assertThat(in.sha256()).isNull();
		}
	}

	private static int centralDirectory(byte[] archive) {
		return offsetOf(archive, new byte[] { 'P', 'K', 1, 2 });
	}

	@Test
	void anExtraEntryAfterTheTrailerIsMalformed() {
		List<TestArchives.Entry> entries = entries(KNOWN);
		entries.add(new TestArchives.Entry("readme.txt", new byte[3]));
		assertDecrypt(TestArchives.zip(entries)).isInstanceOf(MalformedArchiveException.class)
			.hasMessage("entry 'readme.txt' after checksums.txt");
	}

	@Test
	void anExtraEntryBetweenChunksIsMalformed() {
		List<TestArchives.Entry> entries = entries(KNOWN);
		entries.add(2, new TestArchives.Entry("readme.txt", new byte[3]));
		assertDecrypt(TestArchives.zip(entries)).isInstanceOf(MalformedArchiveException.class)
			.hasMessageContaining("unexpected entry 'readme.txt'");
	}

	@Test
	void aDirectoryEntryIsMalformed() {
		List<TestArchives.Entry> entries = entries(KNOWN);
		entries.add(1, new TestArchives.Entry("chunks/", new byte[0], 0, true));
		assertDecrypt(TestArchives.zip(entries)).isInstanceOf(MalformedArchiveException.class);
	}

	@Test
	void aMissingMetadataEntryIsMalformed() {
		List<TestArchives.Entry> entries = entries(KNOWN);
		entries.remove(0);
		assertDecrypt(TestArchives.zip(entries)).isInstanceOf(MalformedArchiveException.class)
			.hasMessageContaining("no metadata.json");
	}

	@Test
	void metadataThatIsNotTheFirstEntryIsMalformed() {
		List<TestArchives.Entry> entries = entries(KNOWN);
		entries.add(entries.remove(0));
		assertDecrypt(TestArchives.zip(entries)).isInstanceOf(MalformedArchiveException.class)
			.hasMessageContaining("out of order");
	}

	@Test
	void aDeflatedChunkIsMalformed() {
		List<TestArchives.Entry> entries = entries(KNOWN);
		entries.set(1, entries.get(1).deflated());
		assertDecrypt(TestArchives.zip(entries)).isInstanceOf(MalformedArchiveException.class)
			.hasMessageContaining("STORED");
	}

	@Test
	void aDeflatedMetadataEntryIsMalformed() {
		List<TestArchives.Entry> entries = entries(KNOWN);
		entries.set(0, entries.get(0).deflated());
		assertDecrypt(TestArchives.zip(entries)).isInstanceOf(MalformedArchiveException.class)
			.hasMessageContaining("STORED");
	}

	@Test
	void somethingThatIsNotAZipIsMalformed() {
		assertDecrypt("hello, this is not a zip".getBytes(StandardCharsets.US_ASCII))
			.isInstanceOf(MalformedArchiveException.class);
		assertDecrypt(new byte[0]).isInstanceOf(MalformedArchiveException.class);
	}

	// ---- header

	@Test
	void oversizedMetadataIsMalformed() {
		byte[] archive = withMetadataText(KNOWN, (text) -> text.substring(0, text.length() - 1) + " ".repeat(1 << 20) + "}");
		assertDecrypt(archive).isInstanceOf(MalformedArchiveException.class).hasMessageContaining("larger than");
	}

	@Test
	void aDuplicateJsonMemberIsMalformed() {
		byte[] archive = withMetadataText(KNOWN, (text) -> text.replace("\"format_version\":1,", "\"format_version\":1,\"format_version\":1,"));
		assertDecrypt(archive).isInstanceOf(MalformedArchiveException.class).hasMessageContaining("duplicate member");
	}

	@Test
	void trailingDataAfterTheJsonIsMalformed() {
		assertDecrypt(withMetadataText(KNOWN, (text) -> text + "{}")).isInstanceOf(MalformedArchiveException.class);
		assertDecrypt(withMetadataText(KNOWN, (text) -> "[" + text + "]")).isInstanceOf(MalformedArchiveException.class);
	}

	@Test
	void anUnknownMemberIsMalformed() {
		assertDecrypt(withMetadata(KNOWN, (root) -> root.put("comment", "hi"))).isInstanceOf(MalformedArchiveException.class)
			.hasMessageContaining("unknown member 'comment'");
		assertDecrypt(withMetadata(KNOWN, (root) -> info(root).put("mtime", 5))).isInstanceOf(MalformedArchiveException.class)
			.hasMessageContaining("unknown member 'mtime'");
		assertDecrypt(withMetadata(KNOWN, (root) -> ((ObjectNode) root.get("keys")).put("x", 1)))
			.isInstanceOf(MalformedArchiveException.class);
	}

	@Test
	void aMissingMemberIsMalformed() {
		assertDecrypt(withMetadata(KNOWN, (root) -> root.remove("recipients"))).isInstanceOf(MalformedArchiveException.class);
		assertDecrypt(withMetadata(KNOWN, (root) -> root.remove("payload"))).isInstanceOf(MalformedArchiveException.class);
	}

	@Test
	void aValueOfTheWrongTypeIsMalformed() {
		assertDecrypt(withMetadata(KNOWN, (root) -> info(root).put("chunk_size", "65536")))
			.isInstanceOf(MalformedArchiveException.class).hasMessageContaining("not an integer");
		assertDecrypt(withMetadata(KNOWN, (root) -> info(root).put("chunk_size", 65536.0)))
			.isInstanceOf(MalformedArchiveException.class);
		assertDecrypt(withMetadata(KNOWN, (root) -> root.put("format_version", "1")))
			.isInstanceOf(MalformedArchiveException.class);
		assertDecrypt(withMetadata(KNOWN, (root) -> root.putArray("keys"))).isInstanceOf(MalformedArchiveException.class);
	}

	@Test
	void nestingDeeperThanEightIsMalformed() {
		byte[] archive = withMetadataText(KNOWN, (text) -> "{\"x\":[[[[[[[[[1]]]]]]]]]," + text.substring(1));
		assertDecrypt(archive).isInstanceOf(MalformedArchiveException.class).hasMessageContaining("nesting");
	}

	@Test
	void anUnknownFormatVersionIsUnsupported() {
		assertDecrypt(withMetadata(KNOWN, (root) -> root.put("format_version", 2)))
			.isInstanceOf(UnsupportedFormatException.class);
	}

	@Test
	void anUnknownAlgorithmIsUnsupported() {
		assertDecrypt(withMetadata(KNOWN, (root) -> info(root).put("encryption_algorithm", "CHACHA20-STREAM")))
			.isInstanceOf(UnsupportedFormatException.class);
		assertDecrypt(withMetadata(KNOWN, (root) -> info(root).put("key_encryption", "RSA")))
			.isInstanceOf(UnsupportedFormatException.class);
	}

	@Test
	void aChangedChunkSizeIsRejected() {
		assertDecrypt(withMetadata(KNOWN, (root) -> info(root).put("chunk_size", 2 * SMALL_CHUNK)))
			.isInstanceOf(MalformedArchiveException.class);
		// consistent with the rest of the header, the payload header hash still catches it
		assertDecrypt(withMetadata(UNKNOWN, (root) -> info(root).put("chunk_size", 2 * SMALL_CHUNK)))
			.isInstanceOf(IntegrityException.class);
		assertDecrypt(withMetadata(KNOWN, (root) -> info(root).put("chunk_size", 1000)))
			.isInstanceOf(MalformedArchiveException.class);
	}

	@Test
	void aChangedOriginalSizeIsRejected() {
		assertDecrypt(withMetadata(KNOWN, (root) -> info(root).put("original_size", PLAINTEXT.length - 1)))
			.isInstanceOf(MalformedArchiveException.class);
		assertDecrypt(withMetadata(KNOWN, (root) -> {
			info(root).put("original_size", PLAINTEXT.length - 1);
			ObjectNode last = (ObjectNode) root.get("chunks").get(3);
			last.put("size", last.get("size").asLong() - 1);
		})).isInstanceOf(IntegrityException.class);
		// a known-size archive relabelled as of unknown size: the payload header hash catches it
		assertDecrypt(withMetadata(KNOWN, (root) -> {
			info(root).putNull("original_size");
			info(root).putNull("total_chunks");
			root.putArray("chunks");
		})).isInstanceOf(IntegrityException.class).hasMessage("chunk 1: authentication failed");
	}

	@Test
	void aChangedTotalChunksIsMalformed() {
		assertDecrypt(withMetadata(KNOWN, (root) -> info(root).put("total_chunks", 3)))
			.isInstanceOf(MalformedArchiveException.class).hasMessageContaining("total_chunks");
		assertDecrypt(withMetadata(KNOWN, (root) -> info(root).putNull("total_chunks")))
			.isInstanceOf(MalformedArchiveException.class);
	}

	@Test
	void aChangedChunkListIsMalformed() {
		assertDecrypt(withMetadata(KNOWN, (root) -> ((ArrayNode) root.get("chunks")).remove(3)))
			.isInstanceOf(MalformedArchiveException.class);
		assertDecrypt(withMetadata(KNOWN, (root) -> ((ObjectNode) root.get("chunks").get(1)).put("chunk_id", 3)))
			.isInstanceOf(MalformedArchiveException.class);
		assertDecrypt(withMetadata(KNOWN, (root) -> ((ObjectNode) root.get("chunks").get(1)).put("encrypted_filename", "../x")))
			.isInstanceOf(MalformedArchiveException.class);
		assertDecrypt(withMetadata(KNOWN, (root) -> ((ObjectNode) root.get("chunks").get(1)).put("sha256", "AB")))
			.isInstanceOf(MalformedArchiveException.class);
	}

	@Test
	void aChangedSaltIsAnIntegrityFailure() {
		assertDecrypt(withMetadata(KNOWN, (root) -> ((ObjectNode) root.get("payload")).put("salt",
				java.util.Base64.getEncoder().encodeToString(new byte[16]))))
			.isInstanceOf(IntegrityException.class);
	}

	@Test
	void nonCanonicalBase64IsMalformed() {
		assertDecrypt(withMetadata(KNOWN, (root) -> {
			String salt = root.get("payload").get("salt").asString();
			((ObjectNode) root.get("payload")).put("salt", salt.substring(0, salt.length() - 2));
		})).isInstanceOf(MalformedArchiveException.class);
	}

	@Test
	void anOriginalNameThatIsNotNullIsMalformed() {
		assertDecrypt(withMetadata(KNOWN, (root) -> info(root).put("original_name", "file.bin")))
			.isInstanceOf(MalformedArchiveException.class).hasMessageContaining("original_name");
	}

	@Test
	void aNonCanonicalEphemeralKeyIsMalformed() {
		assertDecrypt(withMetadata(KNOWN, (root) -> {
			ObjectNode keys = (ObjectNode) root.get("keys");
			keys.put("ephemeral_public_key", keys.get("ephemeral_public_key").asString().replace("\n", "\r\n"));
		})).isInstanceOf(MalformedArchiveException.class);
	}

	@Test
	void moreThanSixteenStanzasAreMalformed() {
		assertDecrypt(withMetadata(KNOWN, (root) -> {
			ArrayNode recipients = (ArrayNode) root.get("recipients");
			for (int i = 0; i < 16; i++) {
				recipients.add(root.get("keys").deepCopy());
			}
		})).isInstanceOf(MalformedArchiveException.class);
	}

	// ---- keys

	@Test
	void theWrongKeyGivesNoMatchingKeyNamingTheRecipients() {
		assertThatThrownBy(() -> TestArchives.decrypt(KNOWN, bob())).isInstanceOf(NoMatchingKeyException.class)
			.satisfies((ex) -> assertThat(((NoMatchingKeyException) ex).archiveRecipients())
				.containsExactly(alice().fingerprint().toString()));
	}

	@Test
	void stanzasWithAnUnknownMethodAreSkipped() throws IOException {
		byte[] archive = withMetadata(KNOWN, (root) -> {
			ObjectNode other = ((ArrayNode) root.get("recipients")).addObject();
			other.put("key_wrap_method", "ML-KEM-1024-FUTURE");
			other.put("recipient", "anything at all");
			other.put("encrypted_key", "not base64!");
			other.put("ephemeral_public_key", "");
		});
		assertThat(TestArchives.decrypt(archive, alice())).isEqualTo(PLAINTEXT);
	}

	@Test
	void stanzasOfAnUnknownMethodMayHaveMembersOfTheirOwn() throws IOException {
		byte[] archive = withMetadata(KNOWN, (root) -> {
			ObjectNode other = ((ArrayNode) root.get("recipients")).addObject();
			other.put("key_wrap_method", "ML-KEM-1024-FUTURE");
			other.put("kem_ciphertext", "AAAA");
			other.putObject("parameters").put("level", 5);
		});
		assertThat(TestArchives.decrypt(archive, alice())).isEqualTo(PLAINTEXT);
		// a stanza of the known method keeps its exact shape
		byte[] extra = withMetadata(KNOWN, (root) -> ((ObjectNode) root.get("keys")).put("note", "x"));
		assertDecrypt(extra).isInstanceOf(MalformedArchiveException.class);
	}

	@Test
	void aStanzaForMyKeyWithAnUnknownMethodDoesNotMatch() {
		byte[] archive = withMetadata(KNOWN, (root) -> ((ObjectNode) root.get("keys")).put("key_wrap_method", "FUTURE"));
		assertDecrypt(archive).isInstanceOf(NoMatchingKeyException.class);
	}

	@Test
	void encryptRejectsNamesThatAreNotPlainFileNames() {
		for (String name : List.of("a/b", "a\\b", "a\u0000b", "x".repeat(256), "é".repeat(128), "\ud800")) {
			assertThatThrownBy(() -> EncryptOptions.of(name, 1)).as(name).isInstanceOf(IllegalArgumentException.class);
		}
	}

	@Test
	void encryptFailsWhenTheDeclaredSizeIsWrong() throws IOException {
		ByteArrayOutputStream sink = new ByteArrayOutputStream();
		EncryptingOutputStream tooMuch = Sealdrop.encrypt(sink, EncryptOptions.of("a", 3), List.of(alice().recipient()));
		assertThatThrownBy(() -> tooMuch.write(new byte[4])).isInstanceOf(IOException.class);
		assertThatThrownBy(() -> tooMuch.write(1)).isInstanceOf(IOException.class);
		EncryptingOutputStream tooLittle = Sealdrop.encrypt(sink, EncryptOptions.of("a", 3), List.of(alice().recipient()));
		tooLittle.write(new byte[2]);
		assertThatThrownBy(tooLittle::close).isInstanceOf(IOException.class).hasMessageContaining("declared");
	}

	/** Readers holding no chunk can still be opened over a stream that never ends cleanly. */
	@Test
	void decryptClosesTheArchiveStreamWhenOpeningFails() {
		boolean[] closed = { false };
		ByteArrayInputStream in = new ByteArrayInputStream(new byte[10]) {
			@Override
			public void close() {
				closed[0] = true;
			}
		};
		assertThatThrownBy(() -> Sealdrop.decrypt(in, List.of(alice()))).isInstanceOf(MalformedArchiveException.class);
		assertThat(closed[0]).isTrue();
	}

}
