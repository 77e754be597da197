package dev.sealdrop.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import dev.sealdrop.format.Identity;
import dev.sealdrop.format.InvalidKeyException;
import dev.sealdrop.format.Recipient;

/**
 * Reads the key files named on the command line, with the file name in every error message. Key
 * files are small; anything larger than {@link #MAX_KEY_FILE_BYTES} is refused unread.
 */
final class KeyFiles {

	/** Generous for a PEM or JWK P-384 key (a few hundred bytes). */
	static final int MAX_KEY_FILE_BYTES = 64 * 1024;

	/** FORMAT.md §10: at most 16 recipient stanzas. */
	static final int MAX_RECIPIENTS = 16;

	private final Io io;

	private final Passphrases passphrases;

	private final Consumer<String> warnings;

	/** @param warnings where warnings about key files go (the command decides whether to show them) */
	KeyFiles(Io io, Consumer<String> warnings) {
		this.io = io;
		this.passphrases = new Passphrases(io);
		this.warnings = warnings;
	}

	/** Public keys (SPKI PEM or JWK), duplicates removed, order kept. */
	List<Recipient> recipients(List<String> files) throws IOException, CommandException {
		Set<Recipient> recipients = new LinkedHashSet<>();
		for (String file : files) {
			recipients.add(recipient(file));
		}
		if (recipients.size() > MAX_RECIPIENTS) {
			throw new CommandException(ExitCode.USAGE,
					"too many recipients: " + recipients.size() + " (an archive holds at most " + MAX_RECIPIENTS + ")");
		}
		return new ArrayList<>(recipients);
	}

	Recipient recipient(String file) throws IOException, CommandException {
		byte[] content = read(file);
		String text = new String(content, StandardCharsets.UTF_8);
		try {
			return Recipient.parse(text);
		}
		catch (InvalidKeyException ex) {
			String hint = text.contains("PRIVATE KEY")
					? "this is a private key: give the recipient's public key (the .pub.pem file)" : null;
			throw new CommandException(ExitCode.INVALID_KEY, file + ": not a usable P-384 public key: " + ex.getMessage(),
					hint, ex);
		}
	}

	/** Private keys, asking for passphrases as needed. The caller destroys them. */
	List<Identity> identities(List<String> files) throws IOException, CommandException {
		List<Identity> identities = new ArrayList<>();
		try {
			for (String file : files) {
				identities.add(identity(file));
			}
			return identities;
		}
		catch (IOException | CommandException | RuntimeException ex) {
			identities.forEach(Secrets::destroy);
			throw ex;
		}
	}

	Identity identity(String file) throws IOException, CommandException {
		byte[] content = read(file);
		// PEM is ASCII; a String cannot be wiped, but the library needs one, as would any PEM reader.
		String pem = new String(content, StandardCharsets.US_ASCII);
		Secrets.wipe(content);
		boolean encrypted = Identity.needsPassphrase(pem);
		boolean publicKey = pem.contains("PUBLIC KEY") && !pem.contains("PRIVATE KEY");
		if (!publicKey) {
			checkPermissions(file, this.io.resolve(file));
		}
		char[] passphrase = encrypted ? this.passphrases.forKey(file) : null;
		try {
			return Identity.fromPem(pem, passphrase);
		}
		catch (InvalidKeyException ex) {
			String hint = encrypted ? "is the passphrase right?"
					: publicKey ? "decrypting needs the private key (the .pem file without .pub)" : null;
			throw new CommandException(ExitCode.INVALID_KEY, file + ": not a usable P-384 private key: " + ex.getMessage(),
					hint, ex);
		}
		finally {
			Secrets.wipe(passphrase);
		}
	}

	private byte[] read(String file) throws IOException, CommandException {
		Path path = this.io.resolve(file);
		if (!Files.exists(path)) {
			throw new NoSuchFileException(file);
		}
		if (Files.isDirectory(path)) {
			throw new CommandException(ExitCode.IO_ERROR, file + ": is a directory, not a key file");
		}
		try (InputStream in = Files.newInputStream(path)) {
			byte[] content = in.readNBytes(MAX_KEY_FILE_BYTES + 1);
			if (content.length > MAX_KEY_FILE_BYTES) {
				Secrets.wipe(content);
				throw new CommandException(ExitCode.INVALID_KEY, file + ": too large to be a key file");
			}
			return content;
		}
	}

	// Like ssh: a private key others can read is worth a warning (not a refusal: it may be a copy on a USB stick).
	private void checkPermissions(String file, Path path) throws IOException {
		PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
		if (view == null) {
			return;
		}
		Set<PosixFilePermission> permissions = view.readAttributes().permissions();
		if (permissions.contains(PosixFilePermission.GROUP_READ) || permissions.contains(PosixFilePermission.OTHERS_READ)) {
			this.warnings.accept(file + " is readable by other users; run: chmod 600 " + file);
		}
	}

}
