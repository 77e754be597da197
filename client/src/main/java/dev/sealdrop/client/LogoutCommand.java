package dev.sealdrop.client;

import java.util.Optional;

import dev.sealdrop.client.config.PinMismatchException;
import dev.sealdrop.client.config.SealdropConfig;
import dev.sealdrop.client.net.ApiClient;
import dev.sealdrop.client.net.ApiProblemException;
import picocli.CommandLine.Command;

/**
 * {@code sealdrop logout}: revokes the saved API token on the server (when its ID is known, i.e. it
 * was created by {@code login}) and forgets it. The server URL, user name and the registered client
 * identity stay, so a later {@code login} needs no {@code --server} and downloads keep working with
 * the same client key. The token is forgotten even if the server cannot be reached; if the server
 * no longer matches its pin, the token is forgotten (never sent to it) and the command then stops
 * with the same loud mismatch error as every other command.
 */
@Command(name = "logout", sortOptions = false,
		description = { "Revoke the saved API token on the server and forget it.",
				"Revokes the token on the server first (if the server is reachable and matches known_servers), then removes it from config.json. The server URL, user name and registered client key stay in the config folder.",
				"" },
		footerHeading = "%nExamples:%n", footer = { "  sealdrop logout" })
final class LogoutCommand extends ServerCommand {

	@Override
	ExitCode run() throws Exception {
		Optional<SealdropConfig> config = configStore().load();
		if (config.isEmpty() || config.get().token() == null) {
			info("not logged in");
			return ExitCode.OK;
		}
		PinMismatchException mismatch = null;
		boolean revoked;
		try {
			revoked = revoke(config.get());
		}
		catch (PinMismatchException ex) {
			mismatch = ex;
			revoked = false;
		}
		configStore().save(config.get().withoutToken());
		info("logged out of %s; the API token was %s and removed from %s", config.get().server(),
				revoked ? "revoked" : "not revoked on the server", configStore().file());
		if (mismatch != null) {
			throw mismatch;
		}
		return ExitCode.OK;
	}

	// Best effort: logging out must work offline too; the warning says what is left to do. A changed
	// server identity is no such case: the caller reports it once the token is forgotten.
	private boolean revoke(SealdropConfig config) throws PinMismatchException {
		if (config.tokenId() == null) {
			warn("the token's ID is unknown (it was given with --token); revoke it on the server if it should stop working");
			return false;
		}
		try {
			trustedServer(config.server());
			authenticated(config).delete("/tokens/" + ApiClient.segment(config.tokenId()));
			return true;
		}
		catch (ApiProblemException ex) {
			if (ex.status() == 401 || ex.status() == 404) {
				return true; // already revoked or expired
			}
			warn("could not revoke the token on the server (%s); revoke it there: GET/DELETE /api/v1/tokens", ex.getMessage());
			return false;
		}
		catch (PinMismatchException ex) {
			throw ex;
		}
		catch (Exception ex) {
			warn("could not revoke the token on the server (%s); revoke it there: GET/DELETE /api/v1/tokens",
					ex.getMessage());
			return false;
		}
	}

}
