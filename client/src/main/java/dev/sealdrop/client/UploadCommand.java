package dev.sealdrop.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

import dev.sealdrop.client.config.SealdropConfig;
import dev.sealdrop.client.net.ApiClient;
import dev.sealdrop.client.net.ApiTypes;
import dev.sealdrop.client.net.BodySupplier;
import dev.sealdrop.format.EncryptOptions;
import dev.sealdrop.format.EncryptingOutputStream;
import dev.sealdrop.format.Identity;
import dev.sealdrop.format.Recipient;
import dev.sealdrop.format.Sealdrop;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sealdrop upload}: encrypts each file to the server's verified key (and to this computer's
 * registered client key, if any) while streaming it into the HTTP request: no temporary archive.
 * Each upload carries one Idempotency-Key for all its retries, so a retry never stores the file
 * twice. Afterwards the SHA-256 the server verified must equal the one computed here.
 */
@Command(name = "upload", sortOptions = false,
		description = { "Encrypt files and upload them to the server.",
				"Each file is encrypted while it is sent (no temporary file) to the server's encryption key, after that key was verified against known_servers, and to this computer's registered key so you can also decrypt it yourself. The server checks the archive and reports the plaintext's SHA-256, which must match the one computed here.",
				"Prints each file's ID on standard output (with --json one JSON object per file: id, name, size, sha256). Failed connections, 5xx and 429 answers are retried up to 3 times; a retried upload never creates a second file.",
				"" },
		footerHeading = "%nExamples:%n",
		footer = { "  sealdrop upload report.pdf", "    prints the new file's ID",
				"  sealdrop upload --json *.pdf | jq -r .id",
				"  tar c photos/ | sealdrop upload --name photos.tar -",
				"    from standard input (not retried once sending began)" })
final class UploadCommand extends ServerCommand {

	@Option(names = "--name", paramLabel = "NAME",
			description = "Name to store (encrypted) for the file; default: its file name. Only with one FILE.")
	String name;

	@Option(names = "--json", description = "Print one JSON object per uploaded file: id, name, size, sha256.")
	boolean json;

	@Option(names = "--chunk-size", paramLabel = "SIZE", defaultValue = "1MiB", converter = SizeConverter.class,
			description = "Plaintext bytes per chunk, 64KiB to 16MiB (default: ${DEFAULT-VALUE}); the server may limit the number of chunks.")
	int chunkSize;

	@Parameters(paramLabel = "FILE", arity = "1..*", description = "Files to upload; - for standard input.")
	List<String> inputs;

	@Override
	ExitCode run() throws Exception {
		checkArguments();
		SealdropConfig config = loggedIn();
		TrustedServer server = trustedServer(config.server());
		List<Recipient> recipients = new ArrayList<>();
		recipients.add(server.key());
		Recipient own = ownKey(config);
		if (own != null && !own.equals(server.key())) {
			recipients.add(own);
		}
		ApiClient api = authenticated(config);
		for (String input : this.inputs) {
			upload(api, input, recipients);
		}
		return ExitCode.OK;
	}

	private void checkArguments() throws IOException, CommandException {
		if (this.name != null && this.inputs.size() > 1) {
			throw new CommandException(ExitCode.USAGE, "--name applies to one file, but " + this.inputs.size() + " were given");
		}
		if (this.inputs.stream().filter(STDIO::equals).count() > 1) {
			throw new CommandException(ExitCode.USAGE, "standard input (-) can be uploaded only once");
		}
		for (String input : this.inputs) {
			if (!STDIO.equals(input)) {
				Path path = io().resolve(input);
				if (Files.isDirectory(path)) {
					throw new CommandException(ExitCode.IO_ERROR, input + ": is a directory",
							"upload an archive of it: tar c DIR | sealdrop upload --name DIR.tar -");
				}
				if (!Files.isReadable(path)) {
					throw new java.nio.file.NoSuchFileException(input);
				}
			}
			String problem = FileNames.problemWithArchiveName(storedName(input));
			if (problem != null) {
				throw new CommandException(ExitCode.USAGE, "the name to store " + problem,
						(this.name == null) ? "choose one with --name" : null);
			}
		}
	}

	private String storedName(String input) {
		if (this.name != null) {
			return this.name;
		}
		return STDIO.equals(input) ? "" : io().resolve(input).getFileName().toString();
	}

	// Uploads are also sealed to the user's own client key: the sender can then open them offline.
	private Recipient ownKey(SealdropConfig config) {
		if (config.clientKey() == null) {
			return null;
		}
		try {
			Identity identity = Identity.read(config.clientKey(), null);
			try {
				return identity.recipient();
			}
			finally {
				Secrets.destroy(identity);
			}
		}
		catch (IOException ex) {
			warn("cannot read this computer's client key (%s); uploading for the server only", ex.getMessage());
			return null;
		}
	}

	private void upload(ApiClient api, String input, List<Recipient> recipients) throws Exception {
		String storedName = storedName(input);
		long length = knownLength(input);
		EncryptOptions options = new EncryptOptions(storedName, length, this.chunkSize);
		String shown = STDIO.equals(input) ? "standard input" : input;
		AtomicReference<EncryptingOutputStream> finished = new AtomicReference<>();
		BodySupplier body = (out) -> {
			finished.set(null);
			try (InputStream in = Progress.wrapTransfer(openInput(input), length, "Uploading " + shown, io(), quiet())) {
				EncryptingOutputStream archive = Sealdrop.encrypt(out, options, recipients);
				long read = Streams.copy(in, archive);
				if (length >= 0 && read != length) {
					throw new CommandException(ExitCode.IO_ERROR, shown + ": changed while it was read (" + length
							+ " bytes expected, " + read + " read)", "upload a file that is not being written to");
				}
				// Closing finishes the archive: only after the whole input was read.
				archive.close();
				finished.set(archive);
			}
		};
		ApiTypes.FileInfo stored;
		try {
			stored = api.upload("/files", storedName.isEmpty() ? shown : storedName, STDIO.equals(input) ? BodySupplier.once(body) : body,
					ApiClient.newIdempotencyKey(), ApiTypes.FileInfo.class);
		}
		catch (IOException ex) {
			if (ex.getCause() instanceof CommandException command) {
				throw command;
			}
			throw ex;
		}
		EncryptingOutputStream archive = finished.get();
		if (archive == null || stored == null) {
			throw new IllegalStateException("the upload finished without a complete archive");
		}
		String ours = HexFormat.of().formatHex(archive.plaintextSha256());
		String theirs = (stored.sha256() != null) ? stored.sha256().toLowerCase(Locale.ROOT) : "";
		if (!MessageDigest.isEqual(ours.getBytes(StandardCharsets.US_ASCII), theirs.getBytes(StandardCharsets.US_ASCII))
				|| stored.size() != archive.plaintextLength()) {
			throw new CommandException(ExitCode.INTEGRITY_FAILURE, "the server stored " + shown + " as file "
					+ Printable.of(stored.id()) + " with SHA-256 " + Printable.of(theirs) + " and " + stored.size()
					+ " bytes, but sealdrop sent SHA-256 " + ours + " and " + archive.plaintextLength() + " bytes",
					"the stored file is not what was sent: delete it (sealdrop rm " + Printable.of(stored.id())
							+ ") and tell the server's operator");
		}
		if (this.json) {
			io().out().println(JsonLines.file(stored.id(), stored.name(), stored.size(), stored.sha256()));
		}
		else {
			io().out().println(Printable.of(stored.id()));
		}
		info("uploaded %s (%s) as %s; sha256 %s, confirmed by the server", shown,
				Streams.humanBytes(archive.plaintextLength()), Printable.of(stored.id()), ours);
		if (stored.warnings() != null) {
			stored.warnings().forEach((warning) -> warn("server: %s", Printable.of(warning)));
		}
	}

}
