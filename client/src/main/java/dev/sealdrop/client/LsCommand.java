package dev.sealdrop.client;

import java.io.PrintWriter;

import dev.sealdrop.client.config.SealdropConfig;
import dev.sealdrop.client.net.ApiClient;
import dev.sealdrop.client.net.ApiTypes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sealdrop ls}: the user's files on the server, newest first. */
@Command(name = "ls", sortOptions = false,
		description = { "List your files on the server, newest first: ID, size, upload time, name.",
				"With --shared, the files other users shared with you instead.", "" },
		footerHeading = "%nExamples:%n",
		footer = { "  sealdrop ls", "  sealdrop ls --shared",
				"  sealdrop ls --json | jq -r 'select(.size > 1000000) | .id'" })
final class LsCommand extends ServerCommand {

	private static final int PAGE_SIZE = 100;

	@Option(names = "--shared", description = "List the files shared with you.")
	boolean shared;

	@Option(names = "--json", description = "One JSON object per file: id, name, size, sha256, chunks, format, createdAt.")
	boolean json;

	@Override
	ExitCode run() throws Exception {
		SealdropConfig config = loggedIn();
		trustedServer(config.server());
		ApiClient api = authenticated(config);
		PrintWriter out = io().out();
		long count = 0;
		for (int page = 0;; page++) {
			ApiTypes.FilePage files = api.get("/files?" + (this.shared ? "scope=shared&" : "") + "page=" + page + "&size="
					+ PAGE_SIZE, ApiTypes.FilePage.class);
			if (files.items() == null || files.items().isEmpty()) {
				break;
			}
			for (ApiTypes.FileInfo file : files.items()) {
				out.println(this.json ? InfoCommand.json(file) : line(file));
				count++;
			}
			if (page + 1 >= files.totalPages()) {
				break;
			}
		}
		out.flush();
		if (count == 0) {
			info(this.shared ? "nobody shared a file with you yet" : "no files yet; upload one with: sealdrop upload FILE");
		}
		return ExitCode.OK;
	}

	private static String line(ApiTypes.FileInfo file) {
		return String.format("%s  %10s  %s  %s", Printable.of(file.id()), Streams.humanBytes(file.size()),
				file.createdAt(), Printable.of(file.name()));
	}

}
