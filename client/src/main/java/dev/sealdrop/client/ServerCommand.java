package dev.sealdrop.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import dev.sealdrop.client.config.ConfigPaths;
import dev.sealdrop.client.config.ConfigStore;
import dev.sealdrop.client.config.KnownServer;
import dev.sealdrop.client.config.KnownServers;
import dev.sealdrop.client.config.PinMismatchException;
import dev.sealdrop.client.config.PrivateFiles;
import dev.sealdrop.client.config.SealdropConfig;
import dev.sealdrop.client.config.ServerUrl;
import dev.sealdrop.client.net.ApiClient;
import dev.sealdrop.client.net.Credentials;
import dev.sealdrop.client.net.HttpLog;
import dev.sealdrop.format.Fingerprint;
import dev.sealdrop.format.Recipient;
import dev.sealdrop.format.trust.Certificates;
import dev.sealdrop.format.trust.ServerTrustVerifier;
import dev.sealdrop.format.trust.TrustException;
import dev.sealdrop.format.trust.VerifiedServerKey;

/**
 * Base of the commands that talk to a server. Provides the configuration folder
 * ({@code $XDG_CONFIG_HOME/sealdrop} or {@code ~/.config/sealdrop}), the saved login, API clients
 * (with {@code --verbose} HTTP logging and the retry policy), and the server identity check every
 * command runs first: the key, chain, statement and a fresh challenge are verified against the pin in
 * {@code known_servers}, and any mismatch stops the command ({@link PinMismatchException}).
 *
 * <p>Pins: {@code <url> <identity> <encryption key> [ca]}. The identity is the key fingerprint of
 * the certificate the chain is validated to: on first use the chain's last certificate (the local CA
 * of an embedded server); with {@code --ca FILE} the given CA, whose PEM is kept in
 * {@code ca/<hex>.pem} so chains that omit it still validate. A first-use pin also fixes the
 * encryption key: a new key stops every command until the user re-pins. A CA pin accepts a new key
 * the CA vouches for and records it.
 */
abstract class ServerCommand extends BaseCommand {

	/** A server whose encryption key was verified against its pin. */
	record TrustedServer(ServerUrl url, Recipient key, VerifiedServerKey verified) {
	}

	/** The environment variable that holds the password for {@code login}. */
	static final String PASSWORD_ENV = "SEALDROP_PASSWORD";

	/** The environment variable that holds an API token for {@code login --token}. */
	static final String TOKEN_ENV = "SEALDROP_TOKEN";

	final ConfigPaths paths() {
		String home = System.getProperty("user.home");
		return ConfigPaths.of(io().env()::get, Path.of((home != null) ? home : "."));
	}

	final ConfigStore configStore() {
		return new ConfigStore(paths());
	}

	/** The saved configuration with a token; fails with exit code 15 if not logged in. */
	final SealdropConfig loggedIn() throws IOException, CommandException {
		Optional<SealdropConfig> config = configStore().load();
		if (config.isEmpty() || config.get().token() == null) {
			throw new CommandException(ExitCode.NOT_SET_UP, "not logged in",
					"log in first: sealdrop login --server URL --user NAME");
		}
		return config.get();
	}

	final ApiClient anonymous(ServerUrl server) throws CommandException {
		return client(server, Credentials.none());
	}

	final ApiClient authenticated(SealdropConfig config) throws CommandException {
		return client(config.server(), Credentials.bearer(config.token()));
	}

	final ApiClient client(ServerUrl server, Credentials credentials) throws CommandException {
		try {
			return ApiClient.builder(server)
				.credentials(credentials)
				.retryPolicy(root().retryPolicy())
				.log(verbose() ? HttpLog.printingTo(io().err()) : HttpLog.NONE)
				.build();
		}
		catch (IllegalStateException ex) {
			// Credentials over plain http to a host that is not this computer.
			throw new CommandException(ExitCode.USAGE, ex.getMessage(),
					"only http://localhost and other loopback addresses may be used without TLS");
		}
	}

	final Clock clock() {
		return Clock.systemUTC();
	}

	final ServerUrl parseServer(String text) throws CommandException {
		try {
			return ServerUrl.parse(text);
		}
		catch (IllegalArgumentException ex) {
			throw new CommandException(ExitCode.USAGE, ex.getMessage());
		}
	}

	/**
	 * Verifies the server against its pin: the check every server command makes before anything
	 * else. A CA-vouched key rotation is recorded; anything else that differs is a
	 * {@link PinMismatchException}.
	 */
	final TrustedServer trustedServer(ServerUrl server)
			throws IOException, CommandException, TrustException, PinMismatchException {
		KnownServers known = KnownServers.load(paths().knownServersFile());
		KnownServer pin = known.lookup(server)
			.orElseThrow(() -> new CommandException(ExitCode.NOT_SET_UP, server + " is not in known_servers yet",
					"check and pin its identity first: sealdrop server-key --trust --server " + server));
		ServerTrust trust = new ServerTrust(anonymous(server), clock());
		ServerTrust.Presented presented = trust.fetch();
		Fingerprint pinned = fingerprint(pin.identity());
		X509Certificate ca = (pin.kind() == KnownServer.Kind.CA) ? loadPinnedCa(pinned) : null;
		String what = (pin.kind() == KnownServer.Kind.CA) ? "CA" : "identity";
		ServerTrustVerifier verifier;
		if (ca != null) {
			verifier = ServerTrustVerifier.pinningCertificate(ca, clock());
		}
		else {
			if (!presented.containsKey(pinned)) {
				throw new PinMismatchException(server, what, pin.identity(), presented.lastCertificateKey().toString());
			}
			verifier = ServerTrustVerifier.pinningKey(pinned, clock());
		}
		VerifiedServerKey verified;
		try {
			verified = trust.verify(presented, verifier);
		}
		catch (TrustException ex) {
			if (ex.reason() == TrustException.Reason.UNTRUSTED_CHAIN && ca != null) {
				throw new PinMismatchException(server, what, pin.identity(), presented.lastCertificateKey().toString());
			}
			throw ex;
		}
		String anchor = verified.anchorFingerprint().toString();
		String key = verified.key().fingerprint().toString();
		KnownServers.Verdict verdict = known.check(server, anchor, anchor, key);
		if (verdict == KnownServers.Verdict.KEY_ROTATED) {
			known.replace(new KnownServer(server, pin.identity(), key, KnownServer.Kind.CA));
			known.save();
			warn("the encryption key of %s changed from %s to %s; the pinned CA vouches for it, known_servers updated",
					server, pin.encryptionKey(), key);
		}
		detail("server %s verified: key %s, identity %s", server, key, anchor);
		return new TrustedServer(server, verified.key(), verified);
	}

	/**
	 * Verifies the server on first use (or against the CA in {@code caFile}) and pins it, replacing
	 * an existing pin only if {@code replace}. Prints what was pinned, loudly, for the user to compare.
	 */
	final TrustedServer pinServer(ServerUrl server, String caFile, boolean replace)
			throws IOException, CommandException, TrustException {
		KnownServers known = KnownServers.load(paths().knownServersFile());
		Optional<KnownServer> existing = known.lookup(server);
		if (existing.isPresent() && !replace) {
			throw new IllegalStateException("already pinned");
		}
		ServerTrust trust = new ServerTrust(anonymous(server), clock());
		ServerTrust.Presented presented = trust.fetch();
		X509Certificate ca = (caFile != null) ? readCa(caFile) : null;
		ServerTrustVerifier verifier = (ca != null) ? ServerTrustVerifier.pinningCertificate(ca, clock())
				: ServerTrustVerifier.firstUse(clock());
		VerifiedServerKey verified = trust.verify(presented, verifier);
		String identity = verified.anchorFingerprint().toString();
		String key = verified.key().fingerprint().toString();
		KnownServer pin = new KnownServer(server, identity, key,
				(ca != null) ? KnownServer.Kind.CA : KnownServer.Kind.CERTIFICATE);
		if (existing.isPresent() && existing.get().equals(pin)) {
			info("%s is already pinned with these fingerprints", server);
			return new TrustedServer(server, verified.key(), verified);
		}
		if (ca != null) {
			saveCa(ca, verified.anchorFingerprint());
		}
		known.replace(pin);
		known.save();
		PrintingNotice notice = new PrintingNotice();
		if (existing.isPresent()) {
			notice.line("sealdrop: NOTICE: replaced the pin of %s in known_servers", server);
			notice.line("  was:  identity %s, encryption key %s%s", existing.get().identity(),
					existing.get().encryptionKey(), (existing.get().kind() == KnownServer.Kind.CA) ? " (CA)" : "");
		}
		else if (ca == null) {
			notice.line("sealdrop: NOTICE: %s was not known; trusting it on first use", server);
		}
		else {
			notice.line("sealdrop: NOTICE: pinned %s to the CA in %s", server, caFile);
		}
		X509Certificate anchorCertificate = (ca != null) ? ca : presented.chain().get(presented.chain().size() - 1);
		notice.line("  identity:       %s (%s)", identity,
				Printable.of(anchorCertificate.getSubjectX500Principal().getName()));
		notice.line("  encryption key: %s", key);
		if (ca == null) {
			notice.line("  Compare the identity with the one the operator announced, or with the header");
			notice.line("  X-Sealdrop-CA-Fingerprint of %s/api/v1/server-key/ca.pem over a channel you trust.", server);
		}
		notice.print();
		return new TrustedServer(server, verified.key(), verified);
	}

	private X509Certificate readCa(String caFile) throws IOException, CommandException, TrustException {
		Path path = io().resolve(caFile);
		if (!Files.isRegularFile(path)) {
			throw new java.nio.file.NoSuchFileException(caFile);
		}
		if (Files.size(path) > Certificates.MAX_PEM_LENGTH) {
			throw new CommandException(ExitCode.USAGE, caFile + ": too large for a CA certificate");
		}
		List<X509Certificate> certificates = Certificates.parsePem(Files.readString(path, StandardCharsets.US_ASCII));
		if (certificates.size() != 1) {
			throw new CommandException(ExitCode.USAGE, caFile + ": expected exactly one certificate, found "
					+ certificates.size());
		}
		return certificates.get(0);
	}

	private Path caFile(Fingerprint fingerprint) {
		String hex = fingerprint.toString().substring("sha256:".length());
		return paths().dir().resolve("ca").resolve(hex + ".pem");
	}

	private void saveCa(X509Certificate ca, Fingerprint fingerprint) throws IOException {
		PrivateFiles.writeAtomically(caFile(fingerprint), Certificates.toPem(ca).getBytes(StandardCharsets.US_ASCII));
	}

	/** The CA certificate saved when the pin was made, or null if it is missing (then the chain must contain it). */
	private X509Certificate loadPinnedCa(Fingerprint pinned) throws IOException, TrustException {
		Path file = caFile(pinned);
		if (!Files.isRegularFile(file)) {
			return null;
		}
		X509Certificate ca = Certificates.parsePem(Files.readString(file, StandardCharsets.US_ASCII)).get(0);
		return Certificates.keyFingerprint(ca).equals(pinned) ? ca : null;
	}

	private static Fingerprint fingerprint(String text) throws CommandException {
		try {
			return Fingerprint.parse(text);
		}
		catch (dev.sealdrop.format.InvalidKeyException ex) {
			throw new CommandException(ExitCode.IO_ERROR, "known_servers holds an unusable fingerprint: " + text);
		}
	}

	/** A multi-line notice on stderr that --quiet does not hide: it is about trust. */
	private final class PrintingNotice {

		private final StringBuilder text = new StringBuilder();

		void line(String format, Object... args) {
			this.text.append(String.format(format, args)).append(System.lineSeparator());
		}

		void print() {
			io().err().print(this.text);
			io().err().flush();
		}

	}

}
