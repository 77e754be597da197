package dev.sealdrop.client;

import java.util.Optional;

import dev.sealdrop.client.config.SealdropConfig;
import picocli.CommandLine.Command;

/**
 * {@code sealdrop logout}: forgets the saved API token. The server URL, user name and the registered
 * client identity stay, so a later {@code login} needs no {@code --server} and downloads keep working
 * with the same client key.
 */
@Command(name = "logout", sortOptions = false,
		description = { "Forget the saved API token.",
				"The server URL, user name and registered client key stay in the config folder. The token itself stays valid on the server until it is revoked there (GET/DELETE /api/v1/tokens).",
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
		configStore().save(config.get().withoutToken());
		info("logged out of %s; the API token was removed from %s", config.get().server(), configStore().file());
		return ExitCode.OK;
	}

}
