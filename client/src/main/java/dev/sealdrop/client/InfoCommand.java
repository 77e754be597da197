package dev.sealdrop.client;

import java.io.PrintWriter;

import dev.sealdrop.client.config.SealdropConfig;
import dev.sealdrop.client.net.ApiTypes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.node.ObjectNode;

/** {@code sealdrop info}: what the server knows about one file. */
@Command(name = "info", sortOptions = false,
		description = { "Show what the server knows about a file: name, size, SHA-256, chunks, format, upload time.", "" },
		footerHeading = "%nExamples:%n", footer = { "  sealdrop info 3f2a9c", "  sealdrop info --json 3f2a9c | jq -r .sha256" })
final class InfoCommand extends ServerCommand {

	@Option(names = "--json", description = "Print a JSON object.")
	boolean json;

	@Parameters(paramLabel = "ID", description = "The file's ID.")
	String id;

	@Override
	ExitCode run() throws Exception {
		String segment = FileIds.segment(this.id);
		SealdropConfig config = loggedIn();
		trustedServer(config.server());
		ApiTypes.FileInfo file = authenticated(config).get("/files/" + segment, ApiTypes.FileInfo.class);
		PrintWriter out = io().out();
		if (this.json) {
			out.println(json(file));
		}
		else {
			out.printf("id:        %s%n", Printable.of(file.id()));
			out.printf("name:      %s%n", Printable.of(file.name()));
			out.printf("size:      %d bytes (%s)%n", file.size(), Streams.humanBytes(file.size()));
			out.printf("sha256:    %s%n", Printable.of(file.sha256()));
			out.printf("chunks:    %d%n", file.chunks());
			out.printf("format:    %d%n", file.format());
			out.printf("uploaded:  %s%n", file.createdAt());
			if (file.warnings() != null) {
				file.warnings().forEach((warning) -> out.printf("warning:   %s%n", Printable.of(warning)));
			}
		}
		out.flush();
		return ExitCode.OK;
	}

	static String json(ApiTypes.FileInfo file) {
		ObjectNode node = JsonLines.object();
		node.put("id", file.id());
		node.put("name", file.name());
		node.put("size", file.size());
		node.put("sha256", file.sha256());
		node.put("chunks", file.chunks());
		node.put("format", file.format());
		node.put("createdAt", (file.createdAt() != null) ? file.createdAt().toString() : null);
		return JsonLines.write(node);
	}

}
