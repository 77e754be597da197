package dev.sealdrop.client;

import java.io.InputStream;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.sealdrop.format.ArchiveInfo;
import dev.sealdrop.format.Sealdrop;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.json.JsonMapper;

/** {@code sealdrop inspect}: what an archive's header says, without a key and without decrypting. */
@Command(name = "inspect", sortOptions = false,
		description = { "Show an archive's header, without a key.",
				"Prints the format version, chunk size and count, original size, the fingerprints of the keys the archive is encrypted to, and the metadata size. Only the header is read and checked; 'sealdrop decrypt' verifies the content.",
				"" },
		footerHeading = "%nExamples:%n",
		footer = { "  sealdrop inspect report.pdf.zip", "  sealdrop inspect --json report.pdf.zip | jq .recipients",
				"  curl -s https://example.org/report.pdf.zip | sealdrop inspect -" })
final class InspectCommand extends BaseCommand {

	@Option(names = "--json", description = "Print JSON (for scripts) instead of text.")
	boolean json;

	@Parameters(paramLabel = "ARCHIVE", description = "The archive, or - for standard input.")
	String archive;

	@Override
	ExitCode run() throws Exception {
		ArchiveInfo info;
		try (InputStream in = openInput(this.archive)) {
			info = Sealdrop.inspect(in);
		}
		if (this.json) {
			io().out().println(toJson(info));
		}
		else {
			print(info, io().out());
		}
		return ExitCode.OK;
	}

	private static void print(ArchiveInfo info, PrintWriter out) {
		out.printf("format:          %d%s%n", info.formatVersion(),
				(info.formatVersion() == 0) ? " (original layout, read-only, weaker: see FORMAT.md §12)" : "");
		out.printf("chunk size:      %d bytes (%s)%n", info.chunkSize(), Streams.humanBytes(info.chunkSize()));
		out.printf("chunks:          %s%n", (info.totalChunks() < 0) ? "unknown (streamed)" : info.totalChunks());
		out.printf("original size:   %s%n", (info.originalSize() < 0) ? "unknown (streamed)"
				: info.originalSize() + " bytes (" + Streams.humanBytes(info.originalSize()) + ")");
		out.printf("metadata:        %d bytes%n", info.metadataBytes());
		out.printf("encryption:      %s%n", printable(info.encryptionAlgorithm()));
		out.printf("key encryption:  %s%n", printable(info.keyEncryption()));
		out.printf("recipients:      %d%n", info.recipients().size());
		for (String recipient : info.recipients()) {
			out.printf("  %s%n", printable(recipient));
		}
	}

	static String toJson(ArchiveInfo info) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("format_version", info.formatVersion());
		json.put("chunk_size", info.chunkSize());
		json.put("total_chunks", (info.totalChunks() < 0) ? null : info.totalChunks());
		json.put("original_size", (info.originalSize() < 0) ? null : info.originalSize());
		json.put("metadata_bytes", info.metadataBytes());
		json.put("encryption_algorithm", info.encryptionAlgorithm());
		json.put("key_encryption", info.keyEncryption());
		json.put("recipients", info.recipients());
		return JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(json);
	}

	// Header strings come from the archive: keep terminal control characters out of the output.
	private static String printable(String text) {
		if (text == null) {
			return "(none)";
		}
		StringBuilder safe = new StringBuilder(text.length());
		text.codePoints().forEach((cp) -> {
			if (Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT) {
				safe.append(String.format("\\u%04x", cp));
			}
			else {
				safe.appendCodePoint(cp);
			}
		});
		return safe.toString();
	}

}
