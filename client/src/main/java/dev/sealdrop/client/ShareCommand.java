package dev.sealdrop.client;

import java.util.Map;

import dev.sealdrop.client.config.SealdropConfig;
import dev.sealdrop.client.net.ApiClient;
import dev.sealdrop.client.net.ApiProblemException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code sealdrop share}: lets another user download one of your files. */
@Command(name = "share", sortOptions = false,
		description = { "Let another user of the server download one of your files.",
				"The server re-encrypts the file's key to that user's registered clients when they download it.", "" },
		footerHeading = "%nExamples:%n", footer = { "  sealdrop share 3f2a9c bob", "    bob then runs: sealdrop download 3f2a9c" })
final class ShareCommand extends ServerCommand {

	@Parameters(index = "0", paramLabel = "ID", description = "The file's ID.")
	String id;

	@Parameters(index = "1", paramLabel = "USER", description = "The user to share it with.")
	String user;

	@Override
	ExitCode run() throws Exception {
		String segment = FileIds.segment(this.id);
		try {
			SealdropConfig.checkUsername(this.user);
		}
		catch (IllegalArgumentException ex) {
			throw new CommandException(ExitCode.USAGE, ex.getMessage());
		}
		SealdropConfig config = loggedIn();
		trustedServer(config.server());
		ApiClient api = authenticated(config);
		String shares = "/files/" + segment + "/shares";
		try {
			// retried even when the server may have done it: a repeat then finds it shared
			api.postRepeatable(shares, Map.of("username", this.user), JsonNode.class);
			info("shared %s with %s", Printable.of(this.id), Printable.of(this.user));
		}
		catch (ApiProblemException ex) {
			if (ex.status() != 409 || !sharedWith(api, shares, this.user)) {
				throw ex;
			}
			info("%s is already shared with %s", Printable.of(this.id), Printable.of(this.user));
		}
		return ExitCode.OK;
	}

	// 409 also means "too many shares": only the list tells which
	private static boolean sharedWith(ApiClient api, String shares, String user) throws Exception {
		for (JsonNode share : api.get(shares, JsonNode.class)) {
			JsonNode name = share.get("username");
			if (name != null && name.isString() && user.equals(name.stringValue())) {
				return true;
			}
		}
		return false;
	}

}
