package dev.sealdrop.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import dev.sealdrop.client.config.ConfigException;
import dev.sealdrop.client.config.PrivateFiles;
import dev.sealdrop.client.config.SealdropConfig;
import dev.sealdrop.client.net.ApiClient;
import dev.sealdrop.client.net.ApiProblemException;
import dev.sealdrop.client.net.ApiTypes;
import dev.sealdrop.client.net.FatalTransferException;
import dev.sealdrop.format.ArchiveHeader;
import dev.sealdrop.format.DecryptingInputStream;
import dev.sealdrop.format.Identity;
import dev.sealdrop.format.Sealdrop;
import dev.sealdrop.format.SealdropException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sealdrop download}: fetches a file as an archive encrypted to this computer's registered
 * client key, decrypting and verifying while it streams. The plaintext appears only complete
 * (atomic output); the ciphertext received so far is kept in the config folder so that an
 * interrupted download resumes with Range the next time.
 */
@Command(name = "download", sortOptions = false,
		description = { "Download a file, decrypt it with this computer's key and verify it.",
				"The server re-encrypts the file's key to the key saved by sealdrop register; the content stays encrypted end to end and is decrypted and verified here while it streams. The output appears only after the whole file was verified (with -o - it is written as it is verified: check the exit status).",
				"An interrupted download continues where it stopped when the same command is run again (the received archive bytes are kept, encrypted, in the config folder).",
				"" },
		footerHeading = "%nExamples:%n",
		footer = { "  sealdrop download 3f2a9c", "    writes the file under its stored name in the current directory",
				"  sealdrop download 3f2a9c -o ~/Downloads/", "  sealdrop download 3f2a9c -o - | tar x",
				"  sealdrop download --json 3f2a9c" })
final class DownloadCommand extends ServerCommand {

	@Option(names = { "-o", "--output" }, paramLabel = "OUT",
			description = "Output file, or an existing directory to put the stored name in; - for standard output.")
	String output;

	@Option(names = { "-f", "--force" }, description = "Overwrite an existing output file.")
	boolean force;

	@Option(names = "--json", description = "Print a JSON object for the file: id, name, size, sha256, path.")
	boolean json;

	@Parameters(paramLabel = "ID", description = "The file's ID (sealdrop ls shows them).")
	String id;

	/** Plaintext bytes written. */
	private long length;

	@Override
	ExitCode run() throws Exception {
		SealdropConfig config = loggedIn();
		if (config.clientId() == null) {
			throw new CommandException(ExitCode.NOT_SET_UP, "this computer is not registered with " + config.server(),
					"register it first: sealdrop register");
		}
		String segment = FileIds.segment(this.id);
		if (this.json && STDIO.equals(this.output)) {
			throw new CommandException(ExitCode.USAGE, "--json and -o - both write to standard output",
					"use one of them");
		}
		if (this.output != null && !STDIO.equals(this.output) && !Files.isDirectory(io().resolve(this.output))) {
			refuseExisting(io().resolve(this.output), this.force, true);
		}
		trustedServer(config.server());
		ApiClient api = authenticated(config);
		ApiTypes.FileInfo info = describe(api, segment);
		if (PrivateFiles.isAccessibleByOthers(config.clientKey())) {
			throw new ConfigException(config.clientKey(),
					"readable or writable by other users, who could decrypt your downloads; chmod 600 it");
		}
		Identity key = Identity.read(config.clientKey(), null);
		PartialDownload partial = PartialDownload.in(paths().dir().resolve("partial"), config.server().toString(),
				this.id, config.clientId().toString());
		boolean verified = false;
		try {
			InputStream archive = partial.open(api, "/files/" + segment + "/archive?client=" + config.clientId(),
					(info != null) ? Printable.of(info.name()) : this.id);
			if (partial.resumedAt() > 0) {
				info("resuming the download at byte %d", partial.resumedAt());
			}
			String task = "Downloading " + Printable.of(this.id);
			try (InputStream in = Progress.wrapTransfer(archive, partial.totalLength(), task, io(), quiet());
					DecryptingInputStream plaintext = Sealdrop.decrypt(in, List.of(key))) {
				String written = write(plaintext);
				verified = true;
				String sha256 = HexFormat.of().formatHex(plaintext.sha256());
				if (info != null && info.sha256() != null && !info.sha256().toLowerCase(Locale.ROOT).equals(sha256)) {
					warn("the server lists SHA-256 %s for this file, but the archive's verified content has %s",
							Printable.of(info.sha256()), sha256);
				}
				if (this.json) {
					var node = JsonLines.object();
					node.put("id", this.id);
					node.put("name", plaintext.header().name());
					node.put("size", this.length);
					node.put("sha256", sha256);
					node.put("path", written);
					io().out().println(JsonLines.write(node));
				}
				info("downloaded %s (%s) -> %s", Printable.of(this.id), Streams.humanBytes(this.length), written);
				info("sha256 %s", sha256);
			}
		}
		catch (SealdropException ex) {
			// The archive itself is bad: resuming from these bytes would fail the same way.
			partial.discard();
			throw ex;
		}
		catch (FatalTransferException ex) {
			throw CommandException.withHint(ex, "run the same command again: the download continues where it stopped");
		}
		finally {
			Secrets.destroy(key);
			if (verified) {
				partial.finish();
			}
			else {
				partial.close();
			}
		}
		return ExitCode.OK;
	}

	// Only for messages and a cross-check: servers may list shared files only through the archive endpoint.
	private static ApiTypes.FileInfo describe(ApiClient api, String segment) throws IOException {
		try {
			return api.get("/files/" + segment, ApiTypes.FileInfo.class);
		}
		catch (ApiProblemException ex) {
			if (ex.status() == 404) {
				return null;
			}
			throw ex;
		}
	}

	private String write(DecryptingInputStream plaintext) throws IOException, CommandException {
		ArchiveHeader header = plaintext.header();
		header.warnings().forEach((warning) -> warn("%s", warning));
		if (STDIO.equals(this.output)) {
			try {
				this.length = Streams.copy(plaintext, binaryStdout());
				io().stdout().flush();
			}
			catch (IOException ex) {
				throw CommandException.withHint(ex, "the data already written to standard output is incomplete: discard it");
			}
			return "standard output";
		}
		try (AtomicOutput out = open(header)) {
			this.length = copyPlaintext(plaintext, out);
			// read() returned -1: every chunk and the whole-file digest are verified; only now may the file appear.
			out.commit();
			return display(out.target());
		}
	}

	private AtomicOutput open(ArchiveHeader header) throws IOException, CommandException {
		Path given = (this.output != null) ? io().resolve(this.output) : io().workDir();
		if (!Files.isDirectory(given)) {
			refuseExisting(given, this.force, true);
			return AtomicOutput.createNamed(given, this.force, AtomicOutput.Mode.PRIVATE);
		}
		String safeName = FileNames.safeFileName(header.name(), "sealdrop-" + FileNames.safeFileName(this.id, "download"));
		if (header.name() != null && !header.name().isEmpty() && !safeName.equals(header.name())) {
			warn("the stored name is not a safe file name; using %s", safeName);
		}
		Path target = given.resolve(safeName);
		refuseExisting(target, this.force, false);
		return AtomicOutput.create(target, this.force, AtomicOutput.Mode.PRIVATE);
	}

}
