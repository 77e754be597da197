package dev.sealdrop.format;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Writes the v1 test vectors under {@code src/test/resources/vectors} once; the committed files are
 * what {@link ArchiveVectorTests} runs. Not part of the normal build: run with
 * {@code -Dtest=ArchiveVectorGenerator -Dsealdrop.vectors.generate=true}.
 */
@EnabledIfSystemProperty(named = "sealdrop.vectors.generate", matches = "true")
class ArchiveVectorGenerator {

	private static final Path DIR = Path.of("src/test/resources/vectors");

	@Test
	void generate() throws Exception {
		Identity alice = Identity.read(DIR.resolve("alice.key"), null);
		Identity bob = Identity.read(DIR.resolve("bob.key"), null);
		byte[] plaintext = TestArchives.random(70_000, 2024);
		byte[] known = TestArchives.encrypt(plaintext, new EncryptOptions("report.pdf", plaintext.length, 65536), alice, bob);
		byte[] unknown = TestArchives.encrypt(plaintext, new EncryptOptions("stdin", -1, 65536), alice);

		write("v1-known-size", known, "success", "alice.key", plaintext, "report.pdf", "2 chunks of 64 KiB, alice and bob");
		write("v1-known-size-second-recipient", known, "success", "bob.key", plaintext, "report.pdf", "the same archive opened with the second stanza");
		write("v1-unknown-size", unknown, "success", "alice.key", plaintext, "stdin", "original_size null, chunks []");
		byte[] empty = TestArchives.encrypt(new byte[0], new EncryptOptions("empty", 0, 65536), alice);
		write("v1-empty", empty, "success", "alice.key", new byte[0], "empty", "one empty chunk");
		write("v1-served-with-chunk-hashes", ServerStyle.rewrap(known, alice, bob, true), "success", "bob.key", plaintext,
				"report.pdf", "re-wrapped by a server for bob, with chunks[].sha256");
		write("v1-wrong-key", unknown, "no matching key", "bob.key", null, null, "made for alice only");
		write("v1-chunk-flipped", edit(known, (entries) -> {
			entries.set(2, entries.get(2).withData(TestArchives.flipBit(entries.get(2).data(), 7)));
			return entries;
		}), "integrity failure", "alice.key", null, null, "a bit of chunk 2 flipped, CRC-32 recomputed");
		write("v1-reordered", edit(known, (entries) -> {
			TestArchives.Entry first = entries.get(1);
			entries.set(1, entries.get(2).withName(first.name()));
			entries.set(2, first.withName(entries.get(2).name()));
			return entries;
		}), "integrity failure", "alice.key", null, null, "chunks 1 and 2 swapped under each other's names");
		write("v1-trailer-dropped", edit(unknown, (entries) -> {
			entries.remove(entries.size() - 1);
			return entries;
		}), "integrity failure", "alice.key", null, null, "truncated: no checksums.txt");
		write("v1-last-chunk-dropped", edit(unknown, (entries) -> {
			entries.remove(entries.size() - 2);
			return entries;
		}), "integrity failure", "alice.key", null, null, "truncated at a chunk boundary, size unknown");
		write("v1-format-version-2", edit(known, (entries) -> {
			entries.set(0, entries.get(0).withData(entries.get(0).text().replace("\"format_version\":1", "\"format_version\":2")
				.getBytes(StandardCharsets.UTF_8)));
			return entries;
		}), "unsupported format", "alice.key", null, null, "format_version 2", "unsupported format");
		write("v1-duplicate-member", edit(known, (entries) -> {
			entries.set(0, entries.get(0).withData(entries.get(0).text().replace("\"format_version\":1",
					"\"format_version\":1,\"format_version\":1").getBytes(StandardCharsets.UTF_8)));
			return entries;
		}), "malformed archive", "alice.key", null, null, "duplicate member name in metadata.json", "malformed archive");
		write("v1-deflated-chunk", edit(known, (entries) -> {
			entries.set(1, entries.get(1).deflated());
			return entries;
		}), "malformed archive", "alice.key", null, null, "chunk 1 DEFLATED");
		// the framing: not canonical (FORMAT.md §9), though Commons Compress or unzip would read them
		write("v1-trailing-data", java.util.Arrays.copyOf(known, known.length + 1), "malformed archive", "alice.key", null,
				null, "v1-known-size with one zero byte after the end of central directory record");
		byte[] time = known.clone();
		time[nthLocalHeader(known, 1) + 10] ^= 1;
		write("v1-local-header-time", time, "malformed archive", "alice.key", null, null,
				"v1-known-size with 2 s added to the time in chunk_1's local header");
		byte[] attributes = known.clone();
		attributes[indexOf(known, new byte[] { 'P', 'K', 1, 2 }) + 38] ^= 1;
		write("v1-central-directory-attributes", attributes, "malformed archive", "alice.key", null, null,
				"v1-known-size with an external attribute bit set in the central directory record of metadata.json");
	}

	private static int nthLocalHeader(byte[] archive, int n) {
		int at = -1;
		for (int i = 0; i <= n; i++) {
			at = indexOf(archive, new byte[] { 'P', 'K', 3, 4 }, at + 1);
		}
		return at;
	}

	private static int indexOf(byte[] haystack, byte[] needle) {
		return indexOf(haystack, needle, 0);
	}

	private static int indexOf(byte[] haystack, byte[] needle, int from) {
		outer: for (int i = from; i <= haystack.length - needle.length; i++) {
			for (int j = 0; j < needle.length; j++) {
				if (haystack[i + j] != needle[j]) {
					continue outer;
				}
			}
			return i;
		}
		throw new AssertionError("not found");
	}

	private static byte[] edit(byte[] archive, UnaryOperator<List<TestArchives.Entry>> change) {
		return TestArchives.zip(change.apply(new java.util.ArrayList<>(TestArchives.entries(archive))));
	}

	private static void write(String stem, byte[] archive, String expect, String identity, byte[] plaintext, String name,
			String comment) throws Exception {
		write(stem, archive, expect, identity, plaintext, name, comment, null);
	}

	private static void write(String stem, byte[] archive, String expect, String identity, byte[] plaintext, String name,
			String comment, String inspect) throws Exception {
		StringBuilder header = new StringBuilder();
		header.append("expect: ").append(expect).append('\n');
		header.append("identity: ").append(identity).append('\n');
		if (plaintext != null) {
			header.append("sha256: ").append(Hex.encode(MessageDigest.getInstance("SHA-256").digest(plaintext))).append('\n');
			header.append("name: ").append(name).append('\n');
		}
		if (inspect != null) {
			header.append("inspect: ").append(inspect).append('\n');
		}
		header.append("comment: ").append(comment).append('\n');
		Files.write(DIR.resolve(stem + ".zip"), archive);
		Files.writeString(DIR.resolve(stem + ".vector"), header.toString());
	}

}
