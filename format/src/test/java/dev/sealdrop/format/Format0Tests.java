package dev.sealdrop.format;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading archives of the original Python client (FORMAT.md §12), from the committed generated ones. */
class Format0Tests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String PREFIX = "output_directory/";

	private static final Identity KEY = identity();

	private static final byte[] FOLDER = resource("/format0/folder-deflated.zip");

	private static final String FOLDER_SHA256 = ArchiveVectorTests.header(resourcePath("/format0/folder-deflated.vector")).get("sha256");

	private static Identity identity() {
		try {
			return Identity.read(resourcePath("/format0/recipient.key"), null);
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	private static Path resourcePath(String name) {
		try {
			return Path.of(Format0Tests.class.getResource(name).toURI());
		}
		catch (Exception ex) {
			throw new IllegalStateException("missing test resource " + name, ex);
		}
	}

	private static byte[] resource(String name) {
		try {
			return Files.readAllBytes(resourcePath(name));
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	/** The files of the folder archive, without directory entries, in their stored order. */
	private static List<TestArchives.Entry> files() {
		List<TestArchives.Entry> files = new ArrayList<>();
		for (TestArchives.Entry entry : TestArchives.entries(FOLDER)) {
			if (!entry.directory()) {
				files.add(entry);
			}
		}
		return files;
	}

	private static String sha256(byte[] archive) throws IOException {
		try (DecryptingInputStream in = Sealdrop.decrypt(new ByteArrayInputStream(archive), List.of(KEY))) {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			digest.update(in.readAllBytes());
			assertThat(in.header().formatVersion()).isZero();
			assertThat(in.header().warnings()).containsExactly(Format0ChunkSource.WARNING);
			return Hex.encode(digest.digest());
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void theFolderArchiveDecryptsAsIs() throws IOException {
		assertThat(sha256(FOLDER)).isEqualTo(FOLDER_SHA256);
	}

	@Test
	void everyEntryOrderDecrypts() throws IOException {
		List<TestArchives.Entry> files = files();
		assertThat(files).hasSize(6);
		TestArchives.Entry keysBin = files.remove(indexOf(files, "encrypted_keys.bin"));
		List<List<TestArchives.Entry>> orders = new ArrayList<>();
		permutations(new ArrayList<>(files), 0, orders);
		assertThat(orders).hasSize(120);
		Random random = new Random(1);
		for (int i = 0; i < orders.size(); i++) {
			List<TestArchives.Entry> order = new ArrayList<>();
			for (TestArchives.Entry entry : orders.get(i)) {
				// alternate STORED and DEFLATED, and put the other entries anywhere
				order.add((i % 2 == 0) ? entry.deflated() : new TestArchives.Entry(entry.name(), entry.data()));
			}
			if (i % 4 != 0) {
				order.add(random.nextInt(order.size() + 1), keysBin);
			}
			if (i % 3 == 0) {
				order.add(random.nextInt(order.size() + 1), new TestArchives.Entry(PREFIX, new byte[0], ZipArchiveEntry.STORED, true));
				order.add(random.nextInt(order.size() + 1),
						new TestArchives.Entry(PREFIX + "Chunks/", new byte[0], ZipArchiveEntry.STORED, true));
			}
			assertThat(sha256(TestArchives.zip(order))).as("order %d", i).isEqualTo(FOLDER_SHA256);
		}
	}

	private static void permutations(List<TestArchives.Entry> items, int from, List<List<TestArchives.Entry>> out) {
		if (from == items.size()) {
			out.add(new ArrayList<>(items));
			return;
		}
		for (int i = from; i < items.size(); i++) {
			Collections.swap(items, from, i);
			permutations(items, from + 1, out);
			Collections.swap(items, from, i);
		}
	}

	@Test
	void theFilesMayBeAtTheRootAndChunksLowerCase() throws IOException {
		List<TestArchives.Entry> files = new ArrayList<>();
		for (TestArchives.Entry entry : files()) {
			files.add(entry.withName(entry.name().substring(PREFIX.length()).replace("Chunks/", "chunks/")));
		}
		assertThat(sha256(TestArchives.zip(files))).isEqualTo(FOLDER_SHA256);
	}

	@Test
	void theWrongKeyGivesNoMatchingKey() {
		assertThatThrownBy(() -> TestArchives.decrypt(FOLDER, TestArchives.alice())).isInstanceOf(NoMatchingKeyException.class);
	}

	@Test
	void swappedChunkFilesAreAnIntegrityFailure() {
		List<TestArchives.Entry> files = files();
		int one = indexOf(files, "Chunks/chunk_1.enc");
		int two = indexOf(files, "Chunks/chunk_2.enc");
		byte[] first = files.get(one).data();
		files.set(one, files.get(one).withData(files.get(two).data()));
		files.set(two, files.get(two).withData(first));
		assertThatThrownBy(() -> TestArchives.decrypt(TestArchives.zip(files), KEY)).isInstanceOf(IntegrityException.class)
			.hasMessage("chunk 1: IV does not match metadata.json");
	}

	@Test
	void aFlippedBitInAChunkIsAnIntegrityFailure() {
		List<TestArchives.Entry> files = files();
		int two = indexOf(files, "Chunks/chunk_2.enc");
		files.set(two, files.get(two).withData(TestArchives.flipBit(files.get(two).data(), 40)));
		assertThatThrownBy(() -> TestArchives.decrypt(TestArchives.zip(files), KEY)).isInstanceOf(IntegrityException.class)
			.hasMessage("chunk 2: authentication failed");
	}

	@Test
	void aMissingChunkIsAnIntegrityFailure() {
		List<TestArchives.Entry> files = files();
		files.remove(indexOf(files, "Chunks/chunk_3.enc"));
		assertThatThrownBy(() -> TestArchives.decrypt(TestArchives.zip(files), KEY)).isInstanceOf(IntegrityException.class)
			.hasMessageContaining("chunk 3");
	}

	@Test
	void anUnexpectedEntryIsMalformed() {
		List<TestArchives.Entry> files = files();
		files.add(new TestArchives.Entry(PREFIX + "Chunks/chunk_4.enc", new byte[40]));
		assertThatThrownBy(() -> TestArchives.decrypt(TestArchives.zip(files), KEY)).isInstanceOf(MalformedArchiveException.class);
		List<TestArchives.Entry> other = files();
		other.add(new TestArchives.Entry(PREFIX + "run.sh", new byte[4]));
		assertThatThrownBy(() -> TestArchives.decrypt(TestArchives.zip(other), KEY)).isInstanceOf(MalformedArchiveException.class);
		List<TestArchives.Entry> outside = files();
		outside.add(new TestArchives.Entry("elsewhere/metadata.json", new byte[4]));
		assertThatThrownBy(() -> TestArchives.decrypt(TestArchives.zip(outside), KEY)).isInstanceOf(MalformedArchiveException.class);
	}

	@Test
	void aDuplicateEntryIsMalformed() {
		List<TestArchives.Entry> files = files();
		files.add(files.get(indexOf(files, "Chunks/chunk_1.enc")));
		assertThatThrownBy(() -> TestArchives.decrypt(TestArchives.zip(files), KEY)).isInstanceOf(MalformedArchiveException.class);
	}

	@Test
	void checksumsThatDisagreeWithTheMetadataAreAnIntegrityFailure() {
		List<TestArchives.Entry> files = files();
		int at = indexOf(files, "checksums.txt");
		String text = files.get(at).text();
		int digit = text.indexOf("chunk_2: ") + 9;
		text = text.substring(0, digit) + (text.charAt(digit) == 'a' ? 'b' : 'a') + text.substring(digit + 1);
		files.set(at, files.get(at).withData(text.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
		assertThatThrownBy(() -> TestArchives.decrypt(TestArchives.zip(files), KEY)).isInstanceOf(IntegrityException.class)
			.hasMessage("checksums.txt: chunk_2 does not match metadata.json");
	}

	@Test
	void aReusedIvIsAnIntegrityFailure() {
		byte[] archive = withMetadata((root) -> ((ObjectNode) root.get("chunks").get(1)).put("iv",
				root.get("chunks").get(0).get("iv").asString()));
		assertThatThrownBy(() -> TestArchives.decrypt(archive, KEY)).isInstanceOf(IntegrityException.class)
			.hasMessageContaining("reuses an IV");
	}

	@Test
	void sizesThatDoNotAddUpAreAnIntegrityFailure() {
		byte[] archive = withMetadata((root) -> ((ObjectNode) root.get("file_info")).put("original_size", 2501));
		assertThatThrownBy(() -> TestArchives.decrypt(archive, KEY)).isInstanceOf(IntegrityException.class);
	}

	@Test
	void aChangedPlaintextChecksumIsAnIntegrityFailure() {
		byte[] archive = withMetadata((root) -> ((ObjectNode) root.get("chunks").get(2)).put("checksum", "0".repeat(64)));
		// checksums.txt disagrees first; without it the chunk check catches it
		assertThatThrownBy(() -> TestArchives.decrypt(archive, KEY)).isInstanceOf(IntegrityException.class);
		List<TestArchives.Entry> files = TestArchives.entries(archive);
		files = new ArrayList<>(files);
		files.remove(indexOf(files, "checksums.txt"));
		byte[] withoutChecksums = TestArchives.zip(files);
		assertThatThrownBy(() -> TestArchives.decrypt(withoutChecksums, KEY)).isInstanceOf(IntegrityException.class)
			.hasMessage("chunk 3: checksum does not match metadata.json");
	}

	@Test
	void unknownMembersAreIgnoredButWrongTypesAreNot() throws IOException {
		assertThat(sha256(withMetadata((root) -> root.put("comment", "from the old client")))).isEqualTo(FOLDER_SHA256);
		assertThatThrownBy(() -> TestArchives.decrypt(withMetadata((root) -> ((ObjectNode) root.get("file_info"))
			.put("total_chunks", "3")), KEY)).isInstanceOf(MalformedArchiveException.class);
		assertThatThrownBy(() -> TestArchives.decrypt(withMetadata((root) -> ((ObjectNode) root.get("file_info"))
			.put("encryption_algorithm", "AES-128-CBC")), KEY)).isInstanceOf(UnsupportedFormatException.class);
	}

	@Test
	void theSpooledCopyIsDeletedOnCloseAndOnFailure(@TempDir Path spool) throws IOException {
		ReaderLimits limits = new ReaderLimits(1 << 20, 1000, spool);
		try (ArchiveReader reader = ArchiveReader.open(new ByteArrayInputStream(FOLDER), List.of(KEY), limits)) {
			assertThat(reader.next()).isNotNull();
			try (var files = Files.list(spool)) {
				assertThat(files).hasSize(1);
			}
		}
		assertThat(spool).isEmptyDirectory();
		assertThatThrownBy(() -> ArchiveReader.open(new ByteArrayInputStream(FOLDER), List.of(TestArchives.bob()), limits))
			.isInstanceOf(NoMatchingKeyException.class);
		assertThat(spool).isEmptyDirectory();
		byte[] cut = java.util.Arrays.copyOf(FOLDER, FOLDER.length - 30);
		assertThatThrownBy(() -> ArchiveReader.open(new ByteArrayInputStream(cut), List.of(KEY), limits))
			.isInstanceOf(MalformedArchiveException.class);
		assertThat(spool).isEmptyDirectory();
	}

	@Test
	void aServerCanStoreAFormat0ArchiveAsV1() throws IOException {
		byte[] big = resource("/format0/one-mebibyte-chunks.zip");
		String expected = ArchiveVectorTests.header(resourcePath("/format0/one-mebibyte-chunks.vector")).get("sha256");
		ArchiveReader reader = ArchiveReader.open(new ByteArrayInputStream(big), List.of(KEY), ReaderLimits.defaults());
		assertThat(reader.header().name()).isEqualTo("big.bin");
		assertThat(reader.payload().chunkSize()).isEqualTo(1 << 20);
		List<byte[]> sealed = new ArrayList<>();
		ArchiveReader.Chunk chunk;
		while ((chunk = reader.next()) != null) {
			sealed.add(chunk.sealed());
		}
		ArchiveReader.Summary summary = reader.summary();
		reader.close();
		assertThat(Hex.encode(summary.sha256())).isEqualTo(expected);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ArchiveWriter writer = ArchiveWriter.create(out, reader.payload(), summary.chunks(), summary.plaintextLength(),
				reader.fileKey(), List.of(TestArchives.bob().recipient()), null);
		for (byte[] s : sealed) {
			writer.writeChunk(s, 0, s.length);
		}
		writer.finish(summary.sealedDigest());
		try (InputStream in = Sealdrop.decrypt(new ByteArrayInputStream(out.toByteArray()), List.of(TestArchives.bob()));
				DecryptingInputStream v1 = (DecryptingInputStream) in) {
			v1.transferTo(java.io.OutputStream.nullOutputStream());
			assertThat(v1.header().formatVersion()).isEqualTo(1);
			assertThat(v1.header().name()).isEqualTo("big.bin");
			assertThat(Hex.encode(v1.sha256())).isEqualTo(expected);
		}
	}

	private static byte[] withMetadata(Consumer<ObjectNode> change) {
		List<TestArchives.Entry> files = files();
		int at = indexOf(files, "metadata.json");
		ObjectNode root = (ObjectNode) JSON.readTree(files.get(at).data());
		change.accept(root);
		files.set(at, files.get(at).withData(JSON.writeValueAsBytes(root)));
		return TestArchives.zip(files);
	}

	private static int indexOf(List<TestArchives.Entry> files, String relative) {
		for (int i = 0; i < files.size(); i++) {
			if (files.get(i).name().endsWith(relative)) {
				return i;
			}
		}
		throw new AssertionError(relative);
	}

}
