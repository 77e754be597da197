package dev.sealdrop.client;

import dev.sealdrop.client.net.ApiClient;

/** File IDs typed by the user: checked, then percent-encoded as one URL path segment. */
final class FileIds {

	private FileIds() {
	}

	/** The ID as a path segment; a usage error if it cannot be an ID. */
	static String segment(String id) throws CommandException {
		if (id == null || id.isEmpty() || id.length() > 128 || id.equals(".") || id.equals("..")
				|| !id.chars().allMatch((c) -> c > 0x20 && c < 0x7f)) {
			throw new CommandException(ExitCode.USAGE, "not a file ID: "
					+ Printable.of((id != null && id.length() > 40) ? id.substring(0, 40) + "..." : id),
					"sealdrop ls shows the IDs of your files");
		}
		return ApiClient.segment(id);
	}

}
