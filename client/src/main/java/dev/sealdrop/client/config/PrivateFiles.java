package dev.sealdrop.client.config;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Owner-only files and folders. On POSIX file systems files are created 0600 and folders 0700 from
 * the start (never created wider and narrowed later, which would leave a window); elsewhere the
 * platform defaults apply.
 */
public final class PrivateFiles {

	private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

	private static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");

	private PrivateFiles() {
	}

	/** Creates {@code dir} and missing parents; the folders created are 0700. Existing ones are left as they are. */
	public static void createDirectories(Path dir) throws IOException {
		Path absolute = dir.toAbsolutePath();
		if (Files.isDirectory(absolute)) {
			return;
		}
		Path parent = absolute.getParent();
		if (parent != null) {
			createDirectories(parent);
		}
		try {
			if (isPosix(parent)) {
				Files.createDirectory(absolute, PosixFilePermissions.asFileAttribute(DIR));
			}
			else {
				Files.createDirectory(absolute);
			}
		}
		catch (FileAlreadyExistsException ex) {
			if (!Files.isDirectory(absolute)) {
				throw ex;
			}
		}
	}

	/**
	 * Replaces {@code file} atomically with {@code content}: written to a 0600 temporary file in the
	 * same folder, forced to disk, then renamed over the target, so a reader sees the old or the new
	 * content, never a mix, and a crash leaves no half-written file. Creates the folder (0700) if needed.
	 */
	public static void writeAtomically(Path file, byte[] content) throws IOException {
		Path target = file.toAbsolutePath();
		Path dir = target.getParent();
		createDirectories(dir);
		Path temp = createTempFile(dir, target.getFileName().toString());
		try {
			try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
					OutputStream out = java.nio.channels.Channels.newOutputStream(channel)) {
				out.write(content);
				out.flush();
				channel.force(true);
			}
			moveAtomically(temp, target);
		}
		finally {
			Files.deleteIfExists(temp);
		}
	}

	/** A new, empty, 0600 file next to {@code name} in {@code dir}, for writing and renaming into place. */
	public static Path createTempFile(Path dir, String name) throws IOException {
		String prefix = "." + name + ".";
		if (isPosix(dir)) {
			FileAttribute<Set<PosixFilePermission>> attr = PosixFilePermissions.asFileAttribute(FILE);
			return Files.createTempFile(dir, prefix, ".tmp", attr);
		}
		return Files.createTempFile(dir, prefix, ".tmp");
	}

	/** Renames {@code source} over {@code target}, atomically where the file system can. */
	public static void moveAtomically(Path source, Path target) throws IOException {
		try {
			Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (AtomicMoveNotSupportedException ex) {
			Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
		}
	}

	/**
	 * Whether others (group or world) may read or write {@code file}. Always false where POSIX
	 * permissions are not supported.
	 */
	public static boolean isAccessibleByOthers(Path file) throws IOException {
		PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
		if (view == null) {
			return false;
		}
		Set<PosixFilePermission> perms = view.readAttributes().permissions();
		return perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.GROUP_WRITE)
				|| perms.contains(PosixFilePermission.OTHERS_READ) || perms.contains(PosixFilePermission.OTHERS_WRITE);
	}

	/** Whether group or others may write {@code file} (or replace what it says), where POSIX modes exist. */
	public static boolean isWritableByOthers(Path file) throws IOException {
		PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
		if (view == null) {
			return false;
		}
		Set<PosixFilePermission> perms = view.readAttributes().permissions();
		return perms.contains(PosixFilePermission.GROUP_WRITE) || perms.contains(PosixFilePermission.OTHERS_WRITE);
	}

	private static boolean isPosix(Path existing) {
		return existing != null && existing.getFileSystem().supportedFileAttributeViews().contains("posix");
	}

}
