package dev.sealdrop.server.storage;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A blob being written. Write the content to {@link #out()}, then {@link #commit()}. Closing without
 * a commit discards everything written (the temporary data is deleted), so use it in
 * try-with-resources and let any failure skip the commit.
 */
public interface PendingBlob extends Closeable {

	/** Where the content goes. Closing this stream does not commit. */
	OutputStream out();

	/** Bytes written so far. */
	long length();

	/**
	 * Makes the blob durable and visible under its key: flushes, forces the data to the device,
	 * moves it into place atomically and forces the directory entry.
	 * @throws java.nio.file.FileAlreadyExistsException if a blob with this key already exists
	 */
	void commit() throws IOException;

	/** Discards the blob unless it was committed. Never throws for a missing temporary file. */
	@Override
	void close() throws IOException;

}
