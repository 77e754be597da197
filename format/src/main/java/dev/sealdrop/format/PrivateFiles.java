package dev.sealdrop.format;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

/**
 * Writes a secret to a file so that it is never readable by others, not even briefly, and never
 * half-written: the bytes go to a temporary file in the same directory, created with mode 0600
 * where the file system is POSIX, flushed to disk, then renamed over the target.
 */
final class PrivateFiles {

	private static final SecureRandom RANDOM = new SecureRandom();

	private PrivateFiles() {
	}

	static void write(Path file, byte[] content, boolean overwrite) throws IOException {
		Path target = file.toAbsolutePath();
		Path directory = target.getParent();
		if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
			if (!overwrite) {
				throw new FileAlreadyExistsException(file.toString(), null, "refusing to overwrite an existing key file");
			}
			// rename(2) would put the key in the place of a link or a device such as /dev/null
			if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
				throw new FileSystemException(file.toString(), null,
						"not a regular file (a link, device or pipe): a key file replaces only a regular file");
			}
		}
		byte[] suffix = new byte[8];
		RANDOM.nextBytes(suffix);
		Path temporary = directory.resolve("." + target.getFileName() + "." + Hex.encode(suffix) + ".tmp");
		Files.createFile(temporary, ownerOnly(directory));
		boolean moved = false;
		try {
			try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
				ByteBuffer buffer = ByteBuffer.wrap(content);
				while (buffer.hasRemaining()) {
					channel.write(buffer);
				}
				channel.force(true);
			}
			if (overwrite) {
				Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			else {
				// Without REPLACE_EXISTING the JDK refuses an existing target, which also covers a
				// file that appeared since the check above (save for a tiny window in the JDK itself).
				Files.move(temporary, target);
			}
			moved = true;
		}
		finally {
			if (!moved) {
				Files.deleteIfExists(temporary);
			}
		}
	}

	private static FileAttribute<?>[] ownerOnly(Path directory) {
		if (directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
			return new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")) };
		}
		return new FileAttribute<?>[0];
	}

}
