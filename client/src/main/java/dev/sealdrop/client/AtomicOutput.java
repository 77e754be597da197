package dev.sealdrop.client;

import java.io.Closeable;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * An output file that appears only complete: data goes to a temporary file in the target's
 * directory (mode 0600 from creation), and {@link #commit()} syncs it, gives it its final mode and
 * renames it into place. Without {@code overwrite} an existing target is never replaced, even one
 * created while we were writing. {@link #close()} without a commit deletes the temporary file, and
 * a shutdown hook ({@link PendingFiles}) does the same on Ctrl-C.
 * <p>
 * Only regular files are replaced, and never through a symbolic link: {@code rename(2)} would put a
 * regular file in the place of the link, or of a device such as {@code /dev/null}. The user's
 * {@code /dev/stdout}, {@code /dev/fd/N} and {@code /dev/null} ({@link SpecialFiles}) are written in
 * place instead, as standard output is: there is nothing to replace, so no overwrite is needed, and
 * what was written before a failure cannot be taken back ({@link #inPlace()}).
 * <p>
 * The sync on commit is what makes the rename safe after a crash, but waiting at the end for a whole
 * large file to reach the disk took 0.45 s per GiB here. So while the data arrives, every
 * {@link #SYNC_BEHIND} bytes a background thread asks the disk for what was written so far (one
 * such sync at a time), and the final sync finds little left to do.
 */
final class AtomicOutput implements Closeable {

	/** Final permissions of the output (POSIX file systems only). */
	enum Mode {
		/** 0600: decrypted plaintext. */
		PRIVATE("rw-------"),
		/** 0644: archives (ciphertext) and public keys, meant to be passed on. */
		SHARED("rw-r--r--");

		private final Set<PosixFilePermission> permissions;

		Mode(String permissions) {
			this.permissions = PosixFilePermissions.fromString(permissions);
		}
	}

	/** Bytes written between two background syncs. */
	static final long SYNC_BEHIND = 64L << 20;

	private static final Set<OpenOption> CREATE_NEW = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final ExecutorService SYNCS = Executors.newSingleThreadExecutor((task) -> {
		Thread thread = new Thread(task, "sealdrop-sync-behind");
		thread.setDaemon(true);
		return thread;
	});

	private final Path target;

	/** The temporary file, or null when writing in place. */
	private final Path temp;

	/** The temporary file's identity (device and inode), to notice it being swapped; null if unknown. */
	private final Object tempKey;

	private final boolean overwrite;

	private final Mode mode;

	private final FileChannel channel;

	private final OutputStream stream;

	private long unsynced;

	private Future<?> sync;

	private boolean committed;

	private boolean closed;

	/** Writes in place. */
	private AtomicOutput(Path target, boolean overwrite, Mode mode) throws IOException {
		this.target = target;
		this.temp = null;
		this.tempKey = null;
		this.overwrite = overwrite;
		this.mode = mode;
		this.channel = null;
		// No CREATE: if the device went away since the check, fail rather than make a file. No link is
		// followed but the kernel's own names for this process's descriptors.
		this.stream = SpecialFiles.isOwnDescriptor(target) ? Files.newOutputStream(target, StandardOpenOption.WRITE)
				: Files.newOutputStream(target, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
	}

	/** Writes through {@code temp}, created and opened as {@code channel} in one step. */
	private AtomicOutput(Path target, Path temp, FileChannel channel, boolean overwrite, Mode mode) throws IOException {
		this.target = target;
		this.temp = temp;
		this.overwrite = overwrite;
		this.mode = mode;
		this.channel = channel;
		this.stream = new SyncingStream(Channels.newOutputStream(channel));
		this.tempKey = Files.readAttributes(temp, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
	}

	/**
	 * Starts an output at a name sealdrop chose (the name stored in an archive, inside a directory the
	 * user gave): only ever a regular file. Fails early, before anything is written, as
	 * {@link #check} says.
	 */
	static AtomicOutput create(Path target, boolean overwrite, Mode mode) throws IOException, CommandException {
		return create(target, overwrite, mode, false);
	}

	/**
	 * Starts an output at a name the user gave: like {@link #create(Path, boolean, Mode)}, except that
	 * this process's own descriptors and the devices in {@code /dev} ({@link SpecialFiles}) are
	 * written in place.
	 */
	static AtomicOutput createNamed(Path target, boolean overwrite, Mode mode) throws IOException, CommandException {
		return create(target, overwrite, mode, true);
	}

	/**
	 * What may be written at {@code target}, checked before anything is: returns true if the output
	 * goes in place (only for a {@code named} target, {@link SpecialFiles}), false if it goes through a
	 * temporary file. Refuses a directory, any other special file, an existing file without
	 * {@code overwrite} and, even with it, a symbolic link.
	 */
	static boolean check(Path target, boolean overwrite, boolean named) throws IOException, CommandException {
		Path absolute = target.toAbsolutePath();
		if (named && SpecialFiles.writableInPlace(absolute)) {
			return true;
		}
		if (Files.isDirectory(absolute)) {
			throw new CommandException(ExitCode.IO_ERROR, target + ": is a directory");
		}
		if (!Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)) {
			return false;
		}
		boolean link = Files.isSymbolicLink(absolute);
		if (!link && !Files.isRegularFile(absolute, LinkOption.NOFOLLOW_LINKS)) {
			throw new CommandException(ExitCode.IO_ERROR,
					target + ": is not a regular file (a device, pipe or socket), which sealdrop does not write",
					"to write into a pipe, use -o - and let the shell open it: > PIPE");
		}
		if (!overwrite) {
			throw new FileAlreadyExistsException(target.toString());
		}
		if (link) {
			throw new CommandException(ExitCode.IO_ERROR, target + ": is a symbolic link, which sealdrop does not replace",
					"name the file it points to, or remove the link first");
		}
		return false;
	}

	private static AtomicOutput create(Path target, boolean overwrite, Mode mode, boolean named)
			throws IOException, CommandException {
		Path absolute = target.toAbsolutePath();
		if (check(target, overwrite, named)) {
			return new AtomicOutput(absolute, overwrite, mode);
		}
		Path directory = absolute.getParent();
		if (!Files.isDirectory(directory)) {
			throw new NoSuchFileException(directory.toString());
		}
		Path temp = null;
		FileChannel channel = null;
		for (int attempt = 0; channel == null; attempt++) {
			temp = directory.resolve(".sealdrop-" + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".part");
			try {
				// Created and opened in one step (O_EXCL: never through a link another user put at the
				// name), and 0600 on POSIX from creation: plaintext is never readable by others.
				channel = FileChannel.open(temp, CREATE_NEW, ownerOnly(directory));
			}
			catch (FileAlreadyExistsException ex) {
				if (attempt >= 100) {
					throw ex;
				}
			}
			catch (AccessDeniedException ex) {
				// Name the directory the user chose, not our temporary file.
				throw new AccessDeniedException(directory.toString());
			}
		}
		PendingFiles.register(temp);
		try {
			return new AtomicOutput(absolute, temp, channel, overwrite, mode);
		}
		catch (IOException | RuntimeException ex) {
			channel.close();
			discard(temp);
			throw ex;
		}
	}

	private static FileAttribute<?>[] ownerOnly(Path directory) {
		if (directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
			return new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(Mode.PRIVATE.permissions) };
		}
		return new FileAttribute<?>[0];
	}

	/** Writes a small text file (a public key) atomically. */
	static void writeString(Path target, String content, boolean overwrite, Mode mode)
			throws IOException, CommandException {
		try (AtomicOutput output = create(target, overwrite, mode)) {
			output.stream().write(content.getBytes(StandardCharsets.UTF_8));
			output.commit();
		}
	}

	/** Where to write. Closing it is allowed (libraries do) and does not commit. */
	OutputStream stream() {
		return this.stream;
	}

	/** Where the output appears (absolute). */
	Path target() {
		return this.target;
	}

	/** The temporary file, or null when writing in place. */
	Path temporaryFile() {
		return this.temp;
	}

	/** True if the output goes straight into a pipe or device: what was written is out, commit or not. */
	boolean inPlace() {
		return this.temp == null;
	}

	/** Makes the output visible under its name; call only after everything written was verified. */
	void commit() throws IOException {
		if (this.committed || this.closed) {
			throw new IllegalStateException("output already finished");
		}
		if (inPlace()) {
			this.stream.close();
			this.committed = true;
			return;
		}
		if (this.channel.isOpen()) {
			this.stream.flush();
			awaitSync();
			this.channel.force(true);
			this.channel.close();
		}
		checkNotSwapped();
		setMode(this.temp, this.mode);
		if (this.overwrite) {
			move(StandardCopyOption.REPLACE_EXISTING);
		}
		else {
			moveNoClobber();
		}
		this.committed = true;
		PendingFiles.unregister(this.temp);
	}

	/** Deletes the temporary file unless committed. */
	@Override
	public void close() throws IOException {
		if (this.closed) {
			return;
		}
		this.closed = true;
		if (inPlace()) {
			this.stream.close();
			return;
		}
		if (this.sync != null) {
			// A sync of a file about to be deleted is wasted: stop waiting for it (it fails once closed).
			this.sync.cancel(false);
		}
		this.channel.close();
		if (!this.committed) {
			discard(this.temp);
		}
	}

	private void written(int bytes) {
		this.unsynced += bytes;
		if (this.unsynced >= SYNC_BEHIND && (this.sync == null || this.sync.isDone())) {
			this.unsynced = 0;
			this.sync = SYNCS.submit(() -> {
				try {
					this.channel.force(false);
				}
				catch (IOException ex) {
					// Only an early start: commit's own sync reports what went wrong, and close() may
					// have closed the channel under us.
				}
			});
		}
	}

	private void awaitSync() throws IOException {
		if (this.sync == null) {
			return;
		}
		try {
			this.sync.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("interrupted while syncing " + this.target);
		}
		catch (ExecutionException | CancellationException ex) {
			// See written(): the final sync below is the one that counts.
		}
	}

	/** Counts what goes through, for the background syncs. */
	private final class SyncingStream extends FilterOutputStream {

		SyncingStream(OutputStream out) {
			super(out);
		}

		@Override
		public void write(int b) throws IOException {
			this.out.write(b);
			written(1);
		}

		@Override
		public void write(byte[] bytes, int off, int len) throws IOException {
			this.out.write(bytes, off, len);
			written(len);
		}

	}

	// A hard link fails if the target exists, atomically; rename(2) would silently replace it.
	private void moveNoClobber() throws IOException {
		try {
			Files.createLink(this.target, this.temp);
			Files.delete(this.temp);
			return;
		}
		catch (FileAlreadyExistsException ex) {
			throw new FileAlreadyExistsException(this.target.toString());
		}
		catch (UnsupportedOperationException | IOException ex) {
			// File systems without hard links: check, then rename (a small race we cannot close there).
		}
		if (Files.exists(this.target, LinkOption.NOFOLLOW_LINKS)) {
			throw new FileAlreadyExistsException(this.target.toString());
		}
		move();
	}

	private void move(StandardCopyOption... options) throws IOException {
		StandardCopyOption[] atomic = new StandardCopyOption[options.length + 1];
		System.arraycopy(options, 0, atomic, 0, options.length);
		atomic[options.length] = StandardCopyOption.ATOMIC_MOVE;
		try {
			Files.move(this.temp, this.target, atomic);
		}
		catch (AtomicMoveNotSupportedException ex) {
			Files.move(this.temp, this.target, options);
		}
	}

	// Without following links: a link swapped in for the file must not get its target's mode changed.
	private static void setMode(Path file, Mode mode) throws IOException {
		PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class,
				LinkOption.NOFOLLOW_LINKS);
		if (view != null) {
			view.setPermissions(mode.permissions);
		}
	}

	// In a directory other users can change, the temporary file can be swapped for theirs while it is
	// written; their file must not become the output.
	private void checkNotSwapped() throws IOException {
		if (this.tempKey == null) {
			return;
		}
		Object now = Files.readAttributes(this.temp, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
		if (!this.tempKey.equals(now)) {
			throw new IOException(this.temp + ": replaced by another file while sealdrop wrote it; "
					+ "the directory lets other users change it");
		}
	}

	private static void discard(Path temp) throws IOException {
		try {
			Files.deleteIfExists(temp);
		}
		finally {
			PendingFiles.unregister(temp);
		}
	}

}
