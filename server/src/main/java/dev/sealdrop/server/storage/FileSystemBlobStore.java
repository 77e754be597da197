package dev.sealdrop.server.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@link BlobStore} on a local filesystem. Blobs live at {@code <root>/<first two key
 * characters>/<key>}; uncommitted writes live in {@code <root>/.tmp}, on the same filesystem so the
 * commit is an atomic rename. Files are created owner-only (0600) where the filesystem supports
 * POSIX permissions.
 */
public final class FileSystemBlobStore implements BlobStore {

	private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9-]{1,63}");

	private static final String TMP = ".tmp";

	private final Path root;

	private final Path tmp;

	public FileSystemBlobStore(Path root) throws IOException {
		this.root = root.toAbsolutePath().normalize();
		this.tmp = this.root.resolve(TMP);
		Files.createDirectories(this.tmp);
	}

	/** The directory blobs are stored under. */
	public Path root() {
		return this.root;
	}

	@Override
	public PendingBlob create(String key) throws IOException {
		Path target = pathOf(key);
		Path temp = this.tmp.resolve(key + "." + UUID.randomUUID() + ".part");
		FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
		restrictPermissions(temp);
		return new FilePendingBlob(channel, temp, target);
	}

	@Override
	public InputStream open(String key) throws IOException {
		return Files.newInputStream(existing(key));
	}

	@Override
	public SeekableByteChannel openChannel(String key) throws IOException {
		return FileChannel.open(existing(key), StandardOpenOption.READ);
	}

	@Override
	public long size(String key) throws IOException {
		return Files.size(existing(key));
	}

	@Override
	public boolean exists(String key) {
		return Files.isRegularFile(pathOf(key));
	}

	@Override
	public boolean delete(String key) throws IOException {
		return Files.deleteIfExists(pathOf(key));
	}

	@Override
	public Set<String> keys() throws IOException {
		Set<String> keys = new HashSet<>();
		try (Stream<Path> shards = Files.list(this.root)) {
			for (Path shard : (Iterable<Path>) shards::iterator) {
				if (!Files.isDirectory(shard) || shard.equals(this.tmp)) {
					continue;
				}
				String prefix = shard.getFileName().toString();
				try (Stream<Path> files = Files.list(shard)) {
					// Only names this store could have written; anything else is not ours to report or delete.
					files.filter(Files::isRegularFile)
						.map(p -> p.getFileName().toString())
						.filter(name -> KEY.matcher(name).matches() && name.startsWith(prefix) && prefix.length() == 2)
						.forEach(keys::add);
				}
			}
		}
		return keys;
	}

	@Override
	public int purgeTemporary() throws IOException {
		int count = 0;
		try (Stream<Path> files = Files.list(this.tmp)) {
			for (Path file : (Iterable<Path>) files::iterator) {
				if (Files.deleteIfExists(file)) {
					count++;
				}
			}
		}
		return count;
	}

	private Path existing(String key) throws NoSuchFileException {
		Path path = pathOf(key);
		if (!Files.isRegularFile(path)) {
			throw new NoSuchFileException("blob " + key);
		}
		return path;
	}

	private Path pathOf(String key) {
		if (key == null || !KEY.matcher(key).matches()) {
			throw new IllegalArgumentException("invalid blob key");
		}
		return this.root.resolve(key.substring(0, 2)).resolve(key);
	}

	static void restrictPermissions(Path file) throws IOException {
		if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
			Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
		}
	}

	/** Forces a directory's entries to disk; not every platform can open a directory, so best effort. */
	static void forceDirectory(Path dir) {
		try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
			channel.force(true);
		}
		catch (IOException ex) {
			// Windows cannot open directories; the rename is still atomic there.
		}
	}

	private static final class FilePendingBlob implements PendingBlob {

		private final FileChannel channel;

		private final Path temp;

		private final Path target;

		private final OutputStream out;

		private long length;

		private boolean done;

		FilePendingBlob(FileChannel channel, Path temp, Path target) {
			this.channel = channel;
			this.temp = temp;
			this.target = target;
			this.out = new OutputStream() {

				@Override
				public void write(int b) throws IOException {
					write(new byte[] { (byte) b }, 0, 1);
				}

				@Override
				public void write(byte[] b, int off, int len) throws IOException {
					if (FilePendingBlob.this.done) {
						throw new IOException("blob already committed or discarded");
					}
					ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
					while (buffer.hasRemaining()) {
						FilePendingBlob.this.channel.write(buffer);
					}
					FilePendingBlob.this.length += len;
				}

			};
		}

		@Override
		public OutputStream out() {
			return this.out;
		}

		@Override
		public long length() {
			return this.length;
		}

		@Override
		public void commit() throws IOException {
			if (this.done) {
				throw new IllegalStateException("blob already committed or discarded");
			}
			this.channel.force(true);
			this.channel.close();
			Files.createDirectories(this.target.getParent());
			if (Files.exists(this.target)) {
				throw new FileAlreadyExistsException("blob exists");
			}
			Files.move(this.temp, this.target, StandardCopyOption.ATOMIC_MOVE);
			this.done = true;
			forceDirectory(this.target.getParent());
		}

		@Override
		public void close() throws IOException {
			if (this.done) {
				return;
			}
			this.done = true;
			try {
				this.channel.close();
			}
			finally {
				Files.deleteIfExists(this.temp);
			}
		}

	}

}
