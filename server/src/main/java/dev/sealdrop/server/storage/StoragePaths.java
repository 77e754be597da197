package dev.sealdrop.server.storage;

import java.nio.file.Path;

import dev.sealdrop.server.system.DataDirectory;

/**
 * The directories under {@code ${sealdrop.data-dir}} this feature uses, absolute and owner-only (0700): {@code keys/}
 * (server and storage keys), {@code blobs/} (sealed file content), {@code tmp/spool/}
 * (format-0 archives spooled for random access; ciphertext only) and {@code tmp/multipart/}
 * (multipart request parts; ciphertext only). Everything under {@code tmp/} is deleted at start.
 */
public record StoragePaths(Path dataDir, Path keys, Path blobs, Path tmp, Path spool, Path multipart) {

	/** Creates (owner-only) the directories that do not exist yet. */
	public static StoragePaths create(DataDirectory dataDir) {
		return new StoragePaths(dataDir.root(), dataDir.createPrivateDirectories("keys"),
				dataDir.createPrivateDirectories("blobs"), dataDir.createPrivateDirectories("tmp"),
				dataDir.createPrivateDirectories("tmp/spool"), dataDir.createPrivateDirectories("tmp/multipart"));
	}

}
