package dev.sealdrop.client;

import java.io.PrintWriter;
import java.util.Optional;

import dev.sealdrop.client.config.KnownServer;
import dev.sealdrop.client.config.KnownServers;
import dev.sealdrop.client.config.SealdropConfig;
import dev.sealdrop.client.config.ServerUrl;
import dev.sealdrop.format.trust.Certificates;
import dev.sealdrop.format.trust.ServerTrustVerifier;
import dev.sealdrop.format.trust.VerifiedServerKey;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sealdrop server-key}: shows the server's encryption key after verifying it (certificate
 * chain, signed key statement, fresh challenge), and with {@code --trust} pins it in
 * {@code known_servers}: on first use, or to a CA with {@code --ca FILE}.
 */
@Command(name = "server-key", sortOptions = false,
		description = { "Verify and show the server's encryption key; pin the server's identity with --trust.",
				"Checks the certificate chain, the signed key statement and a fresh challenge. A pinned server must match known_servers; any difference stops this and every other command with both fingerprints.",
				"--trust pins the server (trust on first use: the chain's last certificate), or replaces a pin after an expected change; --ca FILE pins a CA certificate you obtained out of band instead.",
				"" },
		footerHeading = "%nExamples:%n",
		footer = { "  sealdrop server-key --server https://files.example.com",
				"    shows the key and the identity fingerprint, pins nothing",
				"  sealdrop server-key --trust --server https://files.example.com",
				"    pins the server on first use (compare the fingerprint it prints)",
				"  curl -s https://files.example.com/api/v1/server-key/ca.pem > ca.pem   # compare its fingerprint",
				"  sealdrop server-key --ca ca.pem --server https://files.example.com" })
final class ServerKeyCommand extends ServerCommand {

	@Option(names = { "-s", "--server" }, paramLabel = "URL", description = "Server URL (default: the saved one).")
	String server;

	@ArgGroup(exclusive = true)
	Action action = new Action();

	static final class Action {

		@Option(names = "--show", description = "Verify and show the key (the default).")
		boolean show;

		@Option(names = "--trust", description = "Verify and pin the server in known_servers, replacing an existing pin.")
		boolean trust;

		@Option(names = "--ca", paramLabel = "FILE",
				description = "Pin this CA certificate (PEM) for the server; implies --trust.")
		String ca;

	}

	@Override
	ExitCode run() throws Exception {
		ServerUrl url = server();
		if (this.action.trust || this.action.ca != null) {
			TrustedServer trusted = pinServer(url, this.action.ca, true);
			show(url, trusted.verified(), "yes");
			return ExitCode.OK;
		}
		Optional<KnownServer> pin = KnownServers.load(paths().knownServersFile()).lookup(url);
		if (pin.isPresent()) {
			show(url, trustedServer(url).verified(), "yes, matches known_servers");
			return ExitCode.OK;
		}
		ServerTrust trust = new ServerTrust(anonymous(url), clock());
		VerifiedServerKey verified = trust.verify(trust.fetch(), ServerTrustVerifier.firstUse(clock()));
		show(url, verified, "no");
		info("%s is not pinned; after comparing the identity fingerprint, pin it: sealdrop server-key --trust --server %s",
				url, url);
		return ExitCode.OK;
	}

	private ServerUrl server() throws Exception {
		if (this.server != null) {
			return parseServer(this.server);
		}
		Optional<SealdropConfig> config = configStore().load();
		if (config.isEmpty()) {
			throw new CommandException(ExitCode.USAGE, "which server? give --server URL (or log in first)");
		}
		return config.get().server();
	}

	private void show(ServerUrl url, VerifiedServerKey verified, String pinned) {
		PrintWriter out = io().out();
		out.printf("server:          %s%n", url);
		out.printf("encryption key:  %s%n", verified.key().fingerprint());
		out.printf("kid:             %s%n", verified.statement().kid());
		out.printf("statement:       %s, valid until %s%n", verified.statement().status().name().toLowerCase(),
				verified.statement().notAfter());
		out.printf("signed by:       %s%n",
				Printable.of(verified.signingCertificate().getSubjectX500Principal().getName()));
		out.printf("signer key:      %s%n", Certificates.keyFingerprint(verified.signingCertificate()));
		out.printf("identity:        %s%n", verified.anchorFingerprint());
		out.printf("pinned:          %s%n", pinned);
		out.flush();
	}

}
