package dev.sealdrop.server.upload;

import java.io.IOException;
import java.io.InputStream;

/**
 * Where an upload's archive comes from. Opening is deferred so that limits (concurrency, quota)
 * are checked before a multipart body is parsed and spooled.
 */
interface UploadSource {

	/** The archive bytes; the caller closes the stream. */
	InputStream open() throws IOException;

	/**
	 * The name the client sent beside the archive (multipart field {@code filename}), or
	 * {@code null}. Known only after {@link #open()}.
	 */
	String clientName();

}
