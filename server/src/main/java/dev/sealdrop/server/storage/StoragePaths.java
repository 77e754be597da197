package dev.sealdrop.server.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The directories under {@code ${sealdrop.data-dir}} this feature uses, absolute: {@code keys/}
 * (server and storage keys, 0700), {@code blobs/} (sealed file content), {@code tmp/spool/}
 * (format-0 archives spooled for random access; ciphertext only) and {@code tmp/multipart/}
 * (multipart request parts; ciphertext only). Everything under {@code tmp/} is deleted at start.
 */
public record StoragePaths(Path dataDir, Path keys, Path blobs, Path tmp, Path spool, Path multipart) {

	public static StoragePaths under(Path dataDir) {
		Path root = dataDir.toAbsolutePath().normalize();
		Path tmp = root.resolve("tmp");
		return new StoragePaths(root, root.resolve("keys"), root.resolve("blobs"), tmp, tmp.resolve("spool"),
				tmp.resolve("multipart"));
	}

	/** Creates the directories that do not exist yet; the keys directory is made owner-only. */
	public StoragePaths create() throws IOException {
		Files.createDirectories(this.keys);
		if (this.keys.getFileSystem().supportedFileAttributeViews().contains("posix")) {
			Files.setPosixFilePermissions(this.keys, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
		}
		Files.createDirectories(this.blobs);
		Files.createDirectories(this.spool);
		Files.createDirectories(this.multipart);
		return this;
	}

}
