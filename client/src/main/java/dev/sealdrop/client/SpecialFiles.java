package dev.sealdrop.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Tells the pipes and character devices an output may go straight into ({@code /dev/null},
 * {@code /dev/stdout} when it is a pipe or a terminal, {@code mkfifo} pipes, a shell's
 * {@code >(...)}) from the special files it must not: block devices (a disk), sockets, and anything
 * another user owns (a named pipe planted in a shared directory would hand them the plaintext).
 * Symbolic links are followed, as {@code /dev/stdout} needs.
 */
final class SpecialFiles {

	private static final int TYPE_MASK = 0170000;

	private static final int CHARACTER_DEVICE = 0020000;

	private static final int FIFO = 0010000;

	private static final int ROOT = 0;

	private SpecialFiles() {
	}

	/**
	 * True if {@code path} is a named pipe or a character device owned by this user or by root. False
	 * for anything else, and where the file system cannot say (no POSIX modes, e.g. Windows).
	 */
	static boolean writableInPlace(Path path) {
		try {
			int type = (Integer) Files.getAttribute(path, "unix:mode") & TYPE_MASK;
			if (type != CHARACTER_DEVICE && type != FIFO) {
				return false;
			}
			int owner = (Integer) Files.getAttribute(path, "unix:uid");
			return owner == ROOT || owner == currentUid();
		}
		catch (UnsupportedOperationException | IllegalArgumentException | ClassCastException | IOException ex) {
			return false;
		}
	}

	/** This process's user id, or -1 where it cannot be known (then only root's special files qualify). */
	private static long currentUid() {
		try {
			return new com.sun.security.auth.module.UnixSystem().getUid();
		}
		catch (LinkageError | RuntimeException ex) {
			return -1;
		}
	}

}
