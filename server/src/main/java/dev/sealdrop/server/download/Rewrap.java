package dev.sealdrop.server.download;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

import dev.sealdrop.format.ArchiveWriter;
import dev.sealdrop.format.FileKey;
import dev.sealdrop.format.PayloadHeader;
import dev.sealdrop.format.Recipient;
import dev.sealdrop.format.RecipientStanza;

/**
 * The one place that knows how format/ wraps a file key for a download recipient and starts the
 * archive. The stanza is made once per (file, recipient) and stored in its text form; every archive
 * started from the stored text is the same bytes.
 */
final class Rewrap {

	private Rewrap() {
	}

	/** A new stanza for {@code to}; its text is what {@code download_stanzas} stores. */
	static String newStanza(FileKey key, Recipient to) {
		return RecipientStanza.wrap(key, to).encode();
	}

	/**
	 * Starts the archive on {@code out} (writes {@code metadata.json}) with the stored stanza.
	 * @throws dev.sealdrop.format.MalformedArchiveException if the stored text is not a valid stanza
	 */
	static ArchiveWriter start(OutputStream out, PayloadHeader payload, ChunkLayout layout, String stanza,
			List<byte[]> chunkSha256) throws IOException {
		return ArchiveWriter.create(out, payload, layout.totalChunks(), layout.plaintextSize(),
				List.of(RecipientStanza.decode(stanza)), chunkSha256);
	}

}
