package dev.sealdrop.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The outputs written in place, as standard output is, rather than through a temporary file and a
 * rename: only those no other user can redirect between the check and the open.
 * <ul>
 * <li>This process's own descriptors under their kernel names ({@code /dev/stdout}, {@code /dev/fd/N}
 * as a shell's {@code >(...)} gives, {@code /proc/self/fd/N}) when they are a pipe or a terminal:
 * the kernel resolves them to what the caller's shell opened.</li>
 * <li>A character device directly in {@code /dev} or {@code /dev/pts} ({@code /dev/null},
 * {@code /dev/tty}, a terminal): only root can put anything there.</li>
 * </ul>
 * Paths are taken literally: no {@code .} or {@code ..}, which the kernel would resolve through
 * whatever links precede them. A named pipe elsewhere is not written in place: its directory, or any
 * above it, may let another user swap it for their own in that moment; the shell's {@code > pipe}
 * with {@code -o -} writes into it safely.
 */
final class SpecialFiles {

	private static final int TYPE_MASK = 0170000;

	private static final int CHARACTER_DEVICE = 0020000;

	private static final int FIFO = 0010000;

	private static final Pattern OWN_DESCRIPTOR = Pattern.compile("/dev/(stdout|stderr|fd/[0-9]+)|/proc/self/fd/[0-9]+");

	private static final Path DEV = Path.of("/dev");

	private static final Path DEV_PTS = Path.of("/dev/pts");

	private SpecialFiles() {
	}

	/**
	 * True if output to {@code path} (absolute) goes in place, as above; false if the caller's rules
	 * for files apply (which refuse to replace anything but a regular file).
	 * @throws CommandException if {@code path} names this process's descriptor on something else than
	 * a pipe or terminal (a file the shell opened for it, a socket)
	 */
	static boolean writableInPlace(Path path) throws CommandException {
		if (!path.isAbsolute() || !path.equals(path.normalize())) {
			return false;
		}
		try {
			if (isOwnDescriptor(path)) {
				int type = type(path, true);
				if (type == FIFO || type == CHARACTER_DEVICE) {
					return true;
				}
				throw new CommandException(ExitCode.IO_ERROR,
						path + ": this process's descriptor is not a pipe or terminal here (a file, perhaps), and sealdrop writes no file through it",
						"for standard output use -o -");
			}
			Path parent = path.getParent();
			return (DEV.equals(parent) || DEV_PTS.equals(parent)) && type(path, false) == CHARACTER_DEVICE;
		}
		catch (UnsupportedOperationException | IllegalArgumentException | ClassCastException | IOException ex) {
			// no POSIX modes (e.g. Windows), or it is not there: the rules for files apply
			return false;
		}
	}

	/** Whether {@code path} is one of the kernel's names for this process's descriptors (opened following links). */
	static boolean isOwnDescriptor(Path path) {
		return OWN_DESCRIPTOR.matcher(path.toString()).matches();
	}

	private static int type(Path path, boolean followLinks) throws IOException {
		int mode = followLinks ? (Integer) Files.getAttribute(path, "unix:mode")
				: (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
		return mode & TYPE_MASK;
	}

}
