package dev.sealdrop.client;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import dev.sealdrop.client.config.PrivateFiles;
import dev.sealdrop.client.config.SealdropConfig;
import dev.sealdrop.client.net.ApiClient;
import dev.sealdrop.client.net.ApiProblemException;
import dev.sealdrop.client.net.ApiTypes;
import dev.sealdrop.format.Identity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sealdrop register}: generates a P-384 key pair for this computer, registers its public key
 * with the server ({@code POST /clients}) and saves the client ID and the private key file
 * ({@code client-key.pem}, 0600) in the config folder. Downloads are encrypted to this key.
 */
@Command(name = "register", sortOptions = false,
		description = { "Register this computer's key with the server, so files can be downloaded to it.",
				"Generates a P-384 key pair, sends the public key to the server, and saves the client ID in config.json and the private key in client-key.pem (mode 0600) in the config folder. The private key never leaves this computer.",
				"Uploads are also encrypted to this key, so you can decrypt your own uploads offline with sealdrop decrypt -i ~/.config/sealdrop/client-key.pem.",
				"" },
		footerHeading = "%nExamples:%n",
		footer = { "  sealdrop register", "  sealdrop register --name work-laptop",
				"  sealdrop register --force", "    a new key for this computer; the old client is revoked" })
final class RegisterCommand extends ServerCommand {

	@Option(names = "--name", paramLabel = "NAME",
			description = "Label for this client on the server, 1 to 100 characters (default: the host name).")
	String name;

	@Option(names = { "-f", "--force" }, description = "Register a new key even if this computer is registered.")
	boolean force;

	@Override
	ExitCode run() throws Exception {
		SealdropConfig config = loggedIn();
		if (config.clientId() != null && !this.force) {
			throw new CommandException(ExitCode.USAGE, "this computer is already registered as client " + config.clientId(),
					"use --force to register a new key (the old client is revoked)");
		}
		String label = label();
		TrustedServer server = trustedServer(config.server());
		Identity identity = Identity.generate();
		try {
			Path keyFile = paths().clientKeyFile();
			PrivateFiles.createDirectories(keyFile.getParent());
			Path temp = PrivateFiles.createTempFile(keyFile.getParent(), keyFile.getFileName().toString());
			try {
				identity.writePrivate(temp, null, true);
				UUID clientId = parseClientId(register(authenticated(config), label, identity).clientId());
				PrivateFiles.moveAtomically(temp, keyFile);
				configStore().save(config.withClient(clientId, keyFile));
				if (config.clientId() != null && !config.clientId().equals(clientId)) {
					revoke(config, config.clientId());
				}
				io().out().println(clientId);
				info("registered client %s (%s, key %s) with %s; private key in %s", clientId, label,
						identity.recipient().fingerprint(), server.url(), keyFile);
			}
			finally {
				Files.deleteIfExists(temp);
			}
		}
		finally {
			Secrets.destroy(identity);
		}
		return ExitCode.OK;
	}

	// Retried even when the server may have registered the key: a repeat is then refused as a key
	// already registered, and the list says under which client ID (409 also means too many clients).
	private static ApiTypes.ClientInfo register(ApiClient api, String label, Identity identity) throws Exception {
		try {
			return api.postRepeatable("/clients", new ApiTypes.ClientRequest(label, identity.recipient().toPem()),
					ApiTypes.ClientInfo.class);
		}
		catch (ApiProblemException ex) {
			if (ex.status() == 409) {
				String fingerprint = identity.recipient().fingerprint().toString();
				for (ApiTypes.ClientInfo client : api.get("/clients", ApiTypes.ClientInfo[].class)) {
					if (fingerprint.equals(client.fingerprint()) && client.revokedAt() == null) {
						return client;
					}
				}
			}
			throw ex;
		}
	}

	private void revoke(SealdropConfig config, UUID old) {
		try {
			authenticated(config).delete("/clients/" + old);
			info("revoked the previous client %s", old);
		}
		catch (Exception ex) {
			warn("could not revoke the previous client %s: %s", old, ex.getMessage());
		}
	}

	private String label() throws CommandException {
		String label = (this.name != null) ? this.name : io().env().getOrDefault("HOSTNAME", "sealdrop CLI");
		if (label.isBlank() || label.length() > 100 || label.chars().anyMatch(Character::isISOControl)) {
			throw new CommandException(ExitCode.USAGE, "the client name must be 1 to 100 characters without control characters",
					(this.name == null) ? "choose one with --name" : null);
		}
		return label;
	}

	private static UUID parseClientId(String text) throws CommandException {
		if (text == null || !text.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")) {
			throw new CommandException(ExitCode.REJECTED, "the server answered with an unusable client ID");
		}
		return UUID.fromString(text);
	}

}
