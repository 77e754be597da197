package dev.sealdrop.client;

import java.util.Map;

import dev.sealdrop.client.config.SealdropConfig;
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
		authenticated(config).post("/files/" + segment + "/shares", Map.of("username", this.user), JsonNode.class);
		info("shared %s with %s", Printable.of(this.id), Printable.of(this.user));
		return ExitCode.OK;
	}

}
