package dev.sealdrop.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FileNamesTests {

	@ParameterizedTest(name = "[{index}] {0}")
	@CsvSource(delimiter = '|', quoteCharacter = '"', value = {
			"report.pdf          | report.pdf",
			"Quarterly report.txt| Quarterly report.txt",
			"../../etc/passwd    | _._.._etc_passwd",
			"/etc/passwd         | _etc_passwd",
			"..\\windows          | _._windows",
			".bashrc             | _bashrc",
			"-rf                 | _rf",
			"a/b                 | a_b",
			"日本語.txt           | 日本語.txt" })
	void turnsArchiveNamesIntoSafeFileNames(String name, String expected) {
		assertThat(FileNames.safeFileName(name, "fallback")).isEqualTo(expected);
	}

	@Test
	void replacesControlCharactersAndInvisibleFormattingCharacters() {
		assertThat(FileNames.safeFileName("a\nb\rc\u001b[31md\u007f", "f")).isEqualTo("a_b_c_[31md_");
		// U+202E RIGHT-TO-LEFT OVERRIDE makes "invoice\u202Efdp.exe" display as "invoiceexe.pdf".
		assertThat(FileNames.safeFileName("invoice\u202Efdp.exe", "f")).isEqualTo("invoice_fdp.exe");
		assertThat(FileNames.safeFileName("zero\u200Bwidth", "f")).isEqualTo("zero_width");
	}

	@Test
	void fallsBackForEmptyAndDotNames() {
		assertThat(FileNames.safeFileName("", "data.bin")).isEqualTo("data.bin");
		assertThat(FileNames.safeFileName(null, "data.bin")).isEqualTo("data.bin");
		assertThat(FileNames.safeFileName(".", "data.bin")).isEqualTo("data.bin");
		assertThat(FileNames.safeFileName("..", "data.bin")).isEqualTo("data.bin");
		assertThat(FileNames.safeFileName("   ", "data.bin")).isEqualTo("data.bin");
	}

	@Test
	void sanitizesTheFallbackToo() {
		assertThat(FileNames.safeFileName("", "..")).isEqualTo("sealdrop-output");
		assertThat(FileNames.safeFileName("", ".hidden")).isEqualTo("_hidden");
	}

	@Test
	void truncatesToTheFileSystemLimitWithoutSplittingACharacter() {
		String name = "é".repeat(200);

		String safe = FileNames.safeFileName(name, "f");

		assertThat(safe.getBytes(StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(255);
		assertThat(safe).isEqualTo("é".repeat(127));
	}

	@Test
	void derivesThePublicKeyName() {
		assertThat(FileNames.publicKeyPath(Path.of("dir/key.pem"))).isEqualTo(Path.of("dir/key.pub.pem"));
		assertThat(FileNames.publicKeyPath(Path.of("key"))).isEqualTo(Path.of("key.pub.pem"));
	}

	@Test
	void derivesAFallbackNameFromTheArchiveName() {
		assertThat(FileNames.withoutZip("report.pdf.zip")).isEqualTo("report.pdf");
		assertThat(FileNames.withoutZip("archive")).isEqualTo("archive.decrypted");
		assertThat(FileNames.withoutZip(".zip")).isEqualTo(".zip.decrypted");
	}

	@Test
	void checksNamesToStore() {
		assertThat(FileNames.problemWithArchiveName("report.pdf")).isNull();
		assertThat(FileNames.problemWithArchiveName("")).isNull();
		assertThat(FileNames.problemWithArchiveName("a/b")).contains("'/'");
		assertThat(FileNames.problemWithArchiveName("a\\b")).isNotNull();
		assertThat(FileNames.problemWithArchiveName("a\0b")).isNotNull();
		assertThat(FileNames.problemWithArchiveName("x".repeat(256))).contains("255");
	}

}
