package dev.sealdrop.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;

import dev.sealdrop.format.ArchiveHeader;
import dev.sealdrop.format.DecryptingInputStream;
import dev.sealdrop.format.Identity;
import dev.sealdrop.format.Sealdrop;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sealdrop decrypt}: opens an archive (v1 or format 0) with a private key and writes the
 * verified plaintext. The output file appears only after the last chunk and the whole-file digest
 * were verified; on any failure nothing is left behind.
 */
@Command(name = "decrypt", sortOptions = false,
		description = { "Decrypt and verify an archive with your private key.",
				"Reads v1 archives and the original format 0. The plaintext is written under the file name stored in the archive, made safe and placed in the current directory, unless -o names a file or a directory. The output file appears only after every chunk and the whole file were verified; on failure nothing is left behind.",
				"With -o - the plaintext goes to standard output as each chunk is verified: if the exit status is not 0, discard what was written (it may be incomplete). The SHA-256 of the plaintext is printed on standard error.",
				"" },
		footerHeading = "%nExamples:%n",
		footer = { "  sealdrop decrypt -i sealdrop-key.pem report.pdf.zip",
				"    writes the file under the name stored in the archive, here: report.pdf",
				"  sealdrop decrypt -i work.pem -i home.pem -o ~/Downloads/ report.pdf.zip",
				"    tries both keys; writes into ~/Downloads/",
				"  curl -s https://example.org/x.zip | sealdrop decrypt -i key.pem -o - -",
				"    from standard input to standard output",
				"  SEALDROP_PASSPHRASE=... sealdrop decrypt -q -i key.pem -o out.bin x.zip",
				"    in a script: no prompt, no output but errors; exit status 0 = verified" })
final class DecryptCommand extends BaseCommand {

	@Option(names = { "-i", "--identity" }, paramLabel = "KEY", required = true,
			description = "Private key file (PEM: PKCS#8, encrypted PKCS#8 or SEC1). Repeat to try several keys.")
	List<String> identities;

	@Option(names = { "-o", "--output" }, paramLabel = "FILE",
			description = "Output file, or an existing directory to put the stored name in; - for standard output.")
	String output;

	@Option(names = { "-f", "--force" }, description = "Overwrite an existing output file.")
	boolean force;

	@Parameters(paramLabel = "ARCHIVE", description = "The archive, or - for standard input.")
	String archive;

	@Override
	ExitCode run() throws Exception {
		List<Identity> keys = new KeyFiles(io(), (warning) -> warn("%s", warning)).identities(this.identities);
		try (InputStream in = Progress.wrap(openInput(this.archive), knownLength(this.archive), "Decrypting", io(),
				quiet()); DecryptingInputStream plaintext = Sealdrop.decrypt(in, keys)) {
			ArchiveHeader header = plaintext.header();
			header.warnings().forEach((warning) -> warn("%s", warning));
			detail("opened with key %s", header.openedWith());
			String written;
			long length;
			if (STDIO.equals(this.output)) {
				length = toStdout(plaintext);
				written = "standard output";
			}
			else {
				try (AtomicOutput out = open(header)) {
					length = copyPlaintext(plaintext, out);
					// read() returned -1: the last chunk and the trailer are verified; only now may the file appear.
					out.commit();
					written = display(out.target());
				}
			}
			info("decrypted %s (%s) -> %s", (header.formatVersion() == 0) ? "format 0 archive" : "archive",
					Streams.humanBytes(length), written);
			info("sha256 %s", HexFormat.of().formatHex(plaintext.sha256()));
		}
		finally {
			keys.forEach(Secrets::destroy);
		}
		return ExitCode.OK;
	}

	// Verified chunks were already released; the user must learn that the whole is not verified.
	private long toStdout(DecryptingInputStream plaintext) throws IOException, CommandException {
		try {
			long length = Streams.copy(plaintext, binaryStdout());
			io().stdout().flush();
			return length;
		}
		catch (IOException ex) {
			throw CommandException.withHint(ex,
					"the plaintext already written to standard output is incomplete: discard it");
		}
	}

	private AtomicOutput open(ArchiveHeader header) throws IOException, CommandException {
		String fallback = STDIO.equals(this.archive) ? "sealdrop-output"
				: FileNames.withoutZip(io().resolve(this.archive).getFileName().toString());
		Path given = (this.output != null) ? io().resolve(this.output) : io().workDir();
		boolean named = !Files.isDirectory(given);
		Path target = given;
		if (!named) {
			String safeName = FileNames.safeFileName(header.name(), fallback);
			if (header.name() != null && !header.name().isEmpty() && !safeName.equals(header.name())) {
				warn("the name stored in the archive is not a safe file name; using %s", safeName);
			}
			target = given.resolve(safeName);
		}
		if (!STDIO.equals(this.archive) && Files.exists(target)
				&& Files.isSameFile(target, io().resolve(this.archive))) {
			throw new CommandException(ExitCode.USAGE, "the output " + display(target) + " is the archive itself");
		}
		refuseExisting(target, this.force, named);
		return named ? AtomicOutput.createNamed(target, this.force, AtomicOutput.Mode.PRIVATE)
				: AtomicOutput.create(target, this.force, AtomicOutput.Mode.PRIVATE);
	}

}
