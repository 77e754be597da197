package dev.sealdrop.client;

import java.util.List;

import dev.sealdrop.client.config.SealdropConfig;
import dev.sealdrop.client.net.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code sealdrop rm}: deletes files from the server. */
@Command(name = "rm", sortOptions = false, description = { "Delete files from the server.", "" },
		footerHeading = "%nExamples:%n", footer = { "  sealdrop rm 3f2a9c", "  sealdrop ls --json | jq -r .id | xargs sealdrop rm" })
final class RmCommand extends ServerCommand {

	@Parameters(paramLabel = "ID", arity = "1..*", description = "IDs of the files to delete.")
	List<String> ids;

	@Override
	ExitCode run() throws Exception {
		for (String id : this.ids) {
			FileIds.segment(id);
		}
		SealdropConfig config = loggedIn();
		trustedServer(config.server());
		ApiClient api = authenticated(config);
		for (String id : this.ids) {
			api.delete("/files/" + FileIds.segment(id));
			info("deleted %s", Printable.of(id));
		}
		return ExitCode.OK;
	}

}
