package dev.sealdrop.client;

import java.util.Optional;

import dev.sealdrop.client.config.KnownServers;
import dev.sealdrop.client.config.SealdropConfig;
import dev.sealdrop.client.config.ServerUrl;
import dev.sealdrop.client.net.ApiClient;
import dev.sealdrop.client.net.ApiProblemException;
import dev.sealdrop.client.net.ApiTypes;
import dev.sealdrop.client.net.Credentials;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/**
 * {@code sealdrop login}: checks the server's identity (pinning it on first use), signs in with a
 * user name and password to create an API token, and saves server URL, user name and token in
 * {@code config.json} (0600). The password is never stored. With {@code --token} an existing token
 * is checked and saved instead.
 */
@Command(name = "login", sortOptions = false,
		description = { "Sign in to a sealdrop server and save an API token for the other commands.",
				"First checks the server's identity (certificate chain, signed key statement, a fresh challenge). A server not yet in known_servers is trusted on first use, with a notice showing its fingerprint to compare; --ca FILE pins a CA instead.",
				"The password is asked on the terminal without echo, or taken from SEALDROP_PASSWORD. It is used once, to create an API token; only the token is saved, in config.json (mode 0600) in $XDG_CONFIG_HOME/sealdrop or ~/.config/sealdrop.",
				"" },
		footerHeading = "%nExamples:%n",
		footer = { "  sealdrop login --server https://files.example.com --user alice",
				"    asks for alice's password",
				"  sealdrop login --server https://files.example.com --user alice --ca example-ca.pem",
				"    pins the CA the operator gave you instead of trusting on first use",
				"  SEALDROP_PASSWORD=... sealdrop login --server http://localhost:8080 --user ci",
				"  SEALDROP_TOKEN=sdt_... sealdrop login --server https://files.example.com --token" })
final class LoginCommand extends ServerCommand {

	@Option(names = { "-s", "--server" }, paramLabel = "URL",
			description = "Server URL, e.g. https://files.example.com (default: the saved one).")
	String server;

	@Option(names = { "-u", "--user" }, paramLabel = "NAME",
			description = "User name (default: the saved one, else your local user name, as ssh does).")
	String user;

	@Option(names = "--token",
			description = "Use an existing API token from SEALDROP_TOKEN instead of a password (or asked on the terminal).")
	boolean token;

	@Option(names = "--ca", paramLabel = "FILE",
			description = "PEM file with the CA certificate to pin for this server instead of trusting on first use.")
	String ca;

	@Override
	ExitCode run() throws Exception {
		Optional<SealdropConfig> saved = configStore().load();
		if (this.server == null && saved.isEmpty()) {
			throw new CommandException(ExitCode.USAGE, "which server? --server URL is needed for the first login");
		}
		ServerUrl url = (this.server != null) ? parseServer(this.server) : saved.get().server();
		boolean pinned = KnownServers.load(paths().knownServersFile()).lookup(url).isPresent();
		if (this.ca != null || !pinned) {
			pinServer(url, this.ca, true);
		}
		else {
			trustedServer(url);
		}
		boolean sameServer = saved.isPresent() && saved.get().server().equals(url);
		SealdropConfig base = sameServer ? saved.get() : SealdropConfig.of(url);
		String username;
		String apiToken;
		String tokenId = null;
		if (this.token) {
			apiToken = readToken();
			username = whoAmI(url, apiToken);
		}
		else {
			username = (this.user != null) ? this.user : (sameServer ? saved.get().username() : localUser());
			if (username == null) {
				throw new CommandException(ExitCode.USAGE, "which user? --user NAME is needed");
			}
			checkUsername(username);
			ApiTypes.CreatedToken created = createToken(url, username);
			apiToken = created.token();
			tokenId = usableTokenId(created.id());
		}
		if (!username.equals(base.username()) && base.clientId() != null) {
			// The registered client belongs to the previous user.
			base = SealdropConfig.of(url);
		}
		configStore().save(base.withLogin(username, apiToken, tokenId));
		info("logged in to %s as %s; token saved in %s", url, username, configStore().file());
		if (base.clientId() == null) {
			info("to download files, register this computer: sealdrop register");
		}
		return ExitCode.OK;
	}

	private static String usableTokenId(String id) {
		return (id != null && id.matches("[A-Za-z0-9-]{1,64}")) ? id : null;
	}

	private ApiTypes.CreatedToken createToken(ServerUrl url, String username) throws Exception {
		char[] password = password(url, username);
		try {
			ApiClient client = client(url, Credentials.basic(username, password));
			ApiTypes.CreatedToken created = client.post("/tokens", new ApiTypes.TokenRequest(tokenName()),
					ApiTypes.CreatedToken.class);
			if (created == null || created.token() == null) {
				throw new CommandException(ExitCode.REJECTED, "the server created no token");
			}
			return created;
		}
		catch (ApiProblemException ex) {
			if (ex.status() == 401) {
				throw new CommandException(ExitCode.AUTHENTICATION_FAILED,
						"wrong user name or password for " + username + " at " + url,
						"check both and try again; after several failures the server locks sign-ins for a while");
			}
			throw ex;
		}
		finally {
			Secrets.wipe(password);
		}
	}

	private String whoAmI(ServerUrl url, String apiToken) throws Exception {
		try {
			JsonNode me = client(url, Credentials.bearer(apiToken)).get("/users/me", JsonNode.class);
			JsonNode name = me.get("username");
			if (name == null || !name.isString()) {
				throw new CommandException(ExitCode.REJECTED, "the server did not say whose token this is");
			}
			checkUsername(name.stringValue());
			return name.stringValue();
		}
		catch (ApiProblemException ex) {
			if (ex.status() == 401) {
				throw new CommandException(ExitCode.AUTHENTICATION_FAILED, "the server does not accept this API token",
						"it may be revoked; create a new one, or log in with a password");
			}
			throw ex;
		}
	}

	private char[] password(ServerUrl url, String username) throws CommandException {
		String fromEnv = io().env().get(PASSWORD_ENV);
		if (fromEnv != null) {
			if (fromEnv.isEmpty()) {
				throw new CommandException(ExitCode.USAGE, PASSWORD_ENV + " is set but empty",
						"unset it to be asked on the terminal");
			}
			return fromEnv.toCharArray();
		}
		char[] typed = io().terminal().readSecret("Password for " + username + " at " + url + ": ");
		if (typed == null) {
			throw new CommandException(ExitCode.USAGE, "a password is needed but there is no terminal to ask for it",
					"set " + PASSWORD_ENV);
		}
		if (typed.length == 0) {
			throw new CommandException(ExitCode.USAGE, "no password entered");
		}
		return typed;
	}

	private String readToken() throws CommandException {
		String fromEnv = io().env().get(TOKEN_ENV);
		String value;
		if (fromEnv != null) {
			value = fromEnv.strip();
		}
		else {
			char[] typed = io().terminal().readSecret("API token: ");
			if (typed == null) {
				throw new CommandException(ExitCode.USAGE, "--token needs the token in " + TOKEN_ENV
						+ " or a terminal to ask for it");
			}
			value = new String(typed).strip();
			Secrets.wipe(typed);
		}
		try {
			SealdropConfig.checkToken(value);
		}
		catch (IllegalArgumentException ex) {
			throw new CommandException(ExitCode.USAGE, ex.getMessage());
		}
		return value;
	}

	private static String localUser() {
		String name = System.getProperty("user.name");
		return (name == null || name.isBlank()) ? null : name;
	}

	private static void checkUsername(String username) throws CommandException {
		try {
			SealdropConfig.checkUsername(username);
		}
		catch (IllegalArgumentException ex) {
			throw new CommandException(ExitCode.USAGE, ex.getMessage());
		}
	}

	// Names the token so the user can tell it apart in GET /tokens and revoke it from elsewhere.
	private String tokenName() {
		String host = io().env().getOrDefault("HOSTNAME", "");
		if (host.isBlank()) {
			host = io().env().getOrDefault("COMPUTERNAME", "a computer");
		}
		String name = "sealdrop CLI on " + host.replaceAll("[\\p{Cc}\\p{Cf}]", "");
		return (name.length() > 64) ? name.substring(0, 64) : name;
	}

}
