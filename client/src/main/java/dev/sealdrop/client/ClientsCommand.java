package dev.sealdrop.client;

import java.io.PrintWriter;

import dev.sealdrop.client.config.SealdropConfig;
import dev.sealdrop.client.net.ApiTypes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.node.ObjectNode;

/** {@code sealdrop clients}: the registered clients (computers) of the user; {@code *} marks this one. */
@Command(name = "clients", sortOptions = false,
		description = { "List your registered clients: ID, name, key fingerprint, registration time; * marks this computer.", "" },
		footerHeading = "%nExamples:%n", footer = { "  sealdrop clients", "  sealdrop clients --json" })
final class ClientsCommand extends ServerCommand {

	@Option(names = "--json", description = "One JSON object per client.")
	boolean json;

	@Override
	ExitCode run() throws Exception {
		SealdropConfig config = loggedIn();
		trustedServer(config.server());
		ApiTypes.ClientInfo[] clients = authenticated(config).get("/clients", ApiTypes.ClientInfo[].class);
		PrintWriter out = io().out();
		String own = (config.clientId() != null) ? config.clientId().toString() : "";
		for (ApiTypes.ClientInfo client : clients) {
			if (this.json) {
				ObjectNode node = JsonLines.object();
				node.put("clientId", client.clientId());
				node.put("name", client.name());
				node.put("fingerprint", client.fingerprint());
				node.put("createdAt", String.valueOf(client.createdAt()));
				node.put("revokedAt", (client.revokedAt() != null) ? client.revokedAt().toString() : null);
				node.put("thisComputer", own.equals(client.clientId()));
				out.println(JsonLines.write(node));
			}
			else {
				out.printf("%s %s  %s  %s  %s%s%n", own.equals(client.clientId()) ? "*" : " ",
						Printable.of(client.clientId()), Printable.of(client.fingerprint()),
						client.createdAt(), Printable.of(client.name()),
						(client.revokedAt() != null) ? "  (revoked " + client.revokedAt() + ")" : "");
			}
		}
		out.flush();
		if (clients.length == 0) {
			info("no clients registered; register this computer with: sealdrop register");
		}
		return ExitCode.OK;
	}

}
