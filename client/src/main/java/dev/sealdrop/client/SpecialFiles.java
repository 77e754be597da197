package dev.sealdrop.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Tells the pipes and character devices an output may go straight into from the special files it
 * must not touch. In place are written:
 * <ul>
 * <li>this process's own descriptors under their kernel names ({@code /dev/stdout}, {@code /dev/fd/N}
 * as a shell's {@code >(...)} gives, {@code /proc/self/fd/N}) when they are a pipe or a terminal;</li>
 * <li>a named pipe or character device that is itself at the path (not behind a link), belongs to
 * this user or root, and lies in a directory no one else can change ({@code /dev/null}, a
 * {@code mkfifo} pipe of one's own). For plaintext, the pipe must not be readable by others.</li>
 * </ul>
 * Everything else that is special is refused: block devices, sockets, another user's pipe, a pipe in
 * a directory where another user could swap it for their own between the check and the open, and
 * a link that someone could point elsewhere in that moment.
 */
final class SpecialFiles {

	private static final int TYPE_MASK = 0170000;

	private static final int CHARACTER_DEVICE = 0020000;

	private static final int FIFO = 0010000;

	private static final int DIRECTORY = 0040000;

	private static final int GROUP_OR_OTHER_WRITE = 0022;

	private static final int GROUP_OR_OTHER_READ = 0044;

	private static final int STICKY = 01000;

	private static final int ROOT = 0;

	private static final Pattern OWN_DESCRIPTOR = Pattern
		.compile("/dev/(stdout|stderr|fd/[0-9]+)|/proc/self/fd/[0-9]+");

	private SpecialFiles() {
	}

	/**
	 * True if output to {@code path} (absolute) goes in place, as above; false if it is no special file
	 * this class judges (absent, a regular file, a directory, a link that is not a descriptor name),
	 * so that the caller's rules for files apply.
	 * @param secret the output is plaintext, which no other user may be able to read from a pipe
	 * @throws CommandException if it is a special file that must not be written
	 */
	static boolean writableInPlace(Path path, boolean secret) throws CommandException {
		return writableInPlace(path, secret, currentUid());
	}

	static boolean writableInPlace(Path path, boolean secret, long uid) throws CommandException {
		try {
			if (isOwnDescriptor(path)) {
				int type = mode(path, true) & TYPE_MASK;
				if (type == FIFO || type == CHARACTER_DEVICE) {
					return true;
				}
				throw new CommandException(ExitCode.IO_ERROR,
						path + ": this process's descriptor is not a pipe or terminal here (a file, perhaps), and sealdrop writes no file through it",
						"for standard output use -o -");
			}
			int mode = mode(path, false);
			int type = mode & TYPE_MASK;
			if (type != FIFO && type != CHARACTER_DEVICE) {
				return false;
			}
			long owner = (Integer) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS);
			if (owner != ROOT && owner != uid) {
				throw refusal(path, "belongs to another user");
			}
			Path directory = path.getParent().toRealPath();
			int directoryMode = mode(directory, true);
			long directoryOwner = (Integer) Files.getAttribute(directory, "unix:uid");
			boolean othersCanSwapIt = (directoryMode & GROUP_OR_OTHER_WRITE) != 0
					&& ((directoryMode & STICKY) == 0 || (directoryOwner != ROOT && directoryOwner != uid));
			if ((directoryMode & TYPE_MASK) != DIRECTORY || othersCanSwapIt) {
				throw refusal(path, "is in a directory other users can change");
			}
			if (secret && type == FIFO && (mode & GROUP_OR_OTHER_READ) != 0) {
				throw new CommandException(ExitCode.IO_ERROR, path + ": is a pipe other users can read, too open for plaintext",
						"chmod go-r it, or write to standard output with -o -");
			}
			return true;
		}
		catch (UnsupportedOperationException | IllegalArgumentException | ClassCastException | IOException ex) {
			// no POSIX modes (e.g. Windows), or it went away: the rules for files apply
			return false;
		}
	}

	/** Whether output to {@code path} must be opened following links: the kernel's names of own descriptors. */
	static boolean isOwnDescriptor(Path path) {
		return OWN_DESCRIPTOR.matcher(path.normalize().toString()).matches();
	}

	private static CommandException refusal(Path path, String why) {
		return new CommandException(ExitCode.IO_ERROR, path + ": is a pipe or device that " + why
				+ ", which sealdrop does not write into", "choose another output");
	}

	private static int mode(Path path, boolean followLinks) throws IOException {
		return followLinks ? (Integer) Files.getAttribute(path, "unix:mode")
				: (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
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
