package dev.sealdrop.server.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's data directory ({@code sealdrop.data-dir}), created on construction with owner-only
 * permissions, together with its {@code db} subdirectory. Features that keep files create their own
 * subdirectories through {@link #createPrivateDirectories(String)} so every directory under the root
 * is {@code rwx------} on POSIX file systems.
 */
public final class DataDirectory {

	private static final Logger logger = LoggerFactory.getLogger(DataDirectory.class);

	private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

	private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

	private final Path root;

	public DataDirectory(Path root) {
		this.root = root.toAbsolutePath().normalize();
		createPrivate(this.root);
		createPrivateDirectories("db");
	}

	/** The absolute, normalized data directory. */
	public Path root() {
		return this.root;
	}

	/**
	 * Creates {@code relative} (and missing parents) under the root with owner-only permissions.
	 * @param relative a relative path that must stay inside the root
	 * @return the absolute directory
	 * @throws IllegalArgumentException if {@code relative} escapes the root
	 * @throws UncheckedIOException if a directory cannot be created
	 */
	public Path createPrivateDirectories(String relative) {
		Path target = this.root.resolve(relative).normalize();
		if (!target.startsWith(this.root) || target.equals(this.root)) {
			throw new IllegalArgumentException("Not a subdirectory of the data directory: " + relative);
		}
		Path relativePath = this.root.relativize(target);
		for (int i = 1; i <= relativePath.getNameCount(); i++) {
			createPrivate(this.root.resolve(relativePath.subpath(0, i)));
		}
		return target;
	}

	private static void createPrivate(Path dir) {
		try {
			if (Files.isDirectory(dir)) {
				warnIfShared(dir);
				return;
			}
			if (POSIX) {
				// Create with the final permissions so the directory is never briefly world-readable.
				Files.createDirectories(dir.getParent());
				Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
				// The umask may have removed bits from the attribute; set them explicitly.
				Files.setPosixFilePermissions(dir, OWNER_ONLY);
			}
			else {
				Files.createDirectories(dir);
			}
			logger.info("Created data directory {}", dir);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create data directory " + dir, ex);
		}
	}

	private static void warnIfShared(Path dir) throws IOException {
		if (POSIX) {
			Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(dir);
			if (!OWNER_ONLY.containsAll(permissions)) {
				// Not changed silently: an operator may share the directory on purpose.
				logger.warn("Data directory {} is accessible to other users ({}); chmod 700 is recommended", dir,
						PosixFilePermissions.toString(permissions));
			}
		}
	}

}
