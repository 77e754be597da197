package dev.sealdrop.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;

import dev.sealdrop.format.EncryptOptions;
import dev.sealdrop.format.EncryptingOutputStream;
import dev.sealdrop.format.Recipient;
import dev.sealdrop.format.Sealdrop;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sealdrop encrypt}: one file (or standard input) into a v1 archive for one or more public keys. */
@Command(name = "encrypt", sortOptions = false,
		description = { "Encrypt a file for one or more public keys.",
				"Only the holders of the matching private keys can open the archive. It hides the file name and content; every chunk is authenticated, and so is the whole file.",
				"The archive is written to FILE.zip beside FILE unless -o is given; standard input (-) needs -o, and -o - writes the archive to standard output. The output file appears only when complete.",
				"" },
		footerHeading = "%nExamples:%n",
		footer = { "  sealdrop encrypt -r alice.pub.pem report.pdf",
				"    writes report.pdf.zip, which only Alice's private key opens",
				"  sealdrop encrypt -r alice.pub.pem -r my-key.pub.pem -o out.zip report.pdf",
				"    for Alice and for yourself",
				"  tar c photos/ | sealdrop encrypt -r bob.jwk --name photos.tar -o p.zip -",
				"    from standard input (length not known in advance)",
				"  sealdrop encrypt -r bob.pub.pem -o - notes.txt | ssh host 'cat > n.zip'" })
final class EncryptCommand extends BaseCommand {

	@Option(names = { "-r", "--recipient" }, paramLabel = "PUBKEY", required = true,
			description = "File with a recipient's public key: SPKI PEM (-----BEGIN PUBLIC KEY-----) or JWK. Repeat for more recipients (at most 16).")
	List<String> recipients;

	@Option(names = { "-o", "--output" }, paramLabel = "FILE",
			description = "Where to write the archive (default: FILE.zip); - for standard output.")
	String output;

	@Option(names = "--chunk-size", paramLabel = "SIZE", defaultValue = "1MiB", converter = SizeConverter.class,
			description = "Plaintext bytes per chunk, 64KiB to 16MiB (default: ${DEFAULT-VALUE}).")
	int chunkSize;

	@Option(names = "--name", paramLabel = "NAME",
			description = "File name to store (encrypted) in the archive; default: the input's file name, empty for standard input.")
	String name;

	@Option(names = { "-f", "--force" }, description = "Overwrite an existing output file.")
	boolean force;

	@Parameters(paramLabel = "FILE", description = "The file to encrypt, or - for standard input.")
	String input;

	private List<Recipient> to;

	@Override
	ExitCode run() throws Exception {
		boolean fromStdin = STDIO.equals(this.input);
		String storedName = storedName(fromStdin);
		String target = outputName(fromStdin);
		this.to = new KeyFiles(io(), (warning) -> warn("%s", warning)).recipients(this.recipients);
		long length = knownLength(this.input);
		EncryptOptions options = new EncryptOptions(storedName, length, this.chunkSize);
		EncryptingOutputStream archive;
		try (InputStream in = Progress.wrap(openInput(this.input), length, "Encrypting", io(), quiet())) {
			if (STDIO.equals(target)) {
				archive = encrypt(in, binaryStdout(), options);
			}
			else {
				Path path = io().resolve(target);
				refuseOverwritingInput(path);
				refuseExisting(path, this.force, true);
				try (AtomicOutput out = AtomicOutput.createNamed(path, this.force, AtomicOutput.Mode.SHARED)) {
					archive = encrypt(in, out.stream(), options);
					out.commit();
				}
			}
		}
		long chunks = Math.max(1, (archive.plaintextLength() + this.chunkSize - 1) / this.chunkSize);
		info("encrypted %s (%s, %d chunk%s) for %d recipient%s -> %s",
				fromStdin ? "standard input" : this.input, Streams.humanBytes(archive.plaintextLength()), chunks,
				(chunks == 1) ? "" : "s", this.to.size(), (this.to.size() == 1) ? "" : "s",
				STDIO.equals(target) ? "standard output" : target);
		info("sha256 %s", HexFormat.of().formatHex(archive.plaintextSha256()));
		return ExitCode.OK;
	}

	// close() finishes the archive, so it is called only after the whole input was read: a failed
	// read must not produce a well-formed archive of a truncated file.
	private EncryptingOutputStream encrypt(InputStream in, OutputStream out, EncryptOptions options)
			throws IOException, CommandException {
		EncryptingOutputStream archive = Sealdrop.encrypt(out, options, this.to);
		long read = Streams.copy(in, archive);
		if (options.size() >= 0 && read != options.size()) {
			throw new CommandException(ExitCode.IO_ERROR, this.input + ": changed while it was read (" + options.size()
					+ " bytes expected, " + read + " read)", "encrypt a file that is not being written to");
		}
		archive.close();
		return archive;
	}

	private String storedName(boolean fromStdin) throws CommandException {
		String stored = (this.name != null) ? this.name
				: fromStdin ? "" : io().resolve(this.input).getFileName().toString();
		String problem = FileNames.problemWithArchiveName(stored);
		if (problem != null) {
			throw new CommandException(ExitCode.USAGE, "the name to store " + problem,
					(this.name == null) ? "choose one with --name" : null);
		}
		return stored;
	}

	private String outputName(boolean fromStdin) throws CommandException {
		if (this.output != null) {
			return this.output;
		}
		if (fromStdin) {
			throw new CommandException(ExitCode.USAGE, "reading standard input needs -o FILE",
					"use -o - to write the archive to standard output");
		}
		return this.input + ".zip";
	}

	private void refuseOverwritingInput(Path output) throws IOException, CommandException {
		if (!STDIO.equals(this.input) && Files.exists(output)
				&& Files.isSameFile(output, io().resolve(this.input))) {
			throw new CommandException(ExitCode.USAGE, "the output " + this.output + " is the input file");
		}
	}

}
