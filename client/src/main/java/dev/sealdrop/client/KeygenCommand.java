package dev.sealdrop.client;

import java.nio.file.Path;

import dev.sealdrop.format.Fingerprint;
import dev.sealdrop.format.Identity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sealdrop keygen}: a new P-384 key pair, private key 0600 (PKCS#8), public key beside it. */
@Command(name = "keygen", sortOptions = false,
		description = { "Generate a P-384 key pair.",
				"Writes the private key (PKCS#8 PEM, mode 0600, optionally encrypted with a passphrase) and the public key (SPKI PEM) beside it as NAME.pub.pem, and prints the key's fingerprint on standard output. Give the public key to people who send you files; keep the private key.",
				"" },
		footerHeading = "%nExamples:%n",
		footer = { "  sealdrop keygen", "    writes sealdrop-key.pem and sealdrop-key.pub.pem in the current directory",
				"  sealdrop keygen -o ~/.sealdrop/alice.pem --passphrase",
				"    asks for a passphrase twice; writes alice.pem (encrypted) and alice.pub.pem",
				"  SEALDROP_PASSPHRASE=... sealdrop keygen --passphrase -o ci.pem", "    for scripts: no prompt" })
final class KeygenCommand extends BaseCommand {

	/** The default private key file, in the working directory. */
	static final String DEFAULT_KEY_FILE = "sealdrop-key.pem";

	@Option(names = { "-o", "--output" }, paramLabel = "FILE", defaultValue = DEFAULT_KEY_FILE,
			description = "Private key file (default: ${DEFAULT-VALUE}). The public key goes to the same name with .pub.pem.")
	String output;

	@Option(names = "--passphrase",
			description = "Encrypt the private key with a passphrase: asked twice on the terminal, or taken from SEALDROP_PASSPHRASE.")
	boolean passphrase;

	@Option(names = { "-f", "--force" }, description = "Overwrite existing key files.")
	boolean force;

	@Override
	ExitCode run() throws Exception {
		Path privateKey = io().resolve(this.output);
		Path publicKey = FileNames.publicKeyPath(privateKey);
		refuseExisting(privateKey, this.force, false);
		refuseExisting(publicKey, this.force, false);
		char[] secret = this.passphrase ? new Passphrases(io()).forNewKey() : null;
		Identity identity = Identity.generate();
		Fingerprint fingerprint;
		try {
			identity.writePrivate(privateKey, secret, this.force);
			AtomicOutput.writeString(publicKey, identity.recipient().toPem(), this.force, AtomicOutput.Mode.SHARED);
			fingerprint = identity.fingerprint();
		}
		finally {
			Secrets.wipe(secret);
			Secrets.destroy(identity);
		}
		info("private key: %s (%s; keep it secret)", display(privateKey),
				this.passphrase ? "passphrase-protected" : "not passphrase-protected");
		info("public key:  %s (give it to senders)", display(publicKey));
		io().out().println(fingerprint);
		return ExitCode.OK;
	}

}
