package dev.sealdrop.server.download;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

import dev.sealdrop.format.ArchiveWriter;
import dev.sealdrop.format.FileKey;
import dev.sealdrop.format.PayloadHeader;
import dev.sealdrop.format.Recipient;

/**
 * The one place that knows how format/ wraps a file key for a download recipient and starts the
 * archive. Kept apart so that switching to a stored, reusable stanza touches nothing else.
 * <p>
 * Current limitation: {@link ArchiveWriter#create} wraps the key itself (fresh HPKE randomness on every
 * call) and format/ has no public stanza type, so the stored "stanza" is only the recipient
 * fingerprint and successive archives for the same pair differ in the 48-byte wrapped key and the
 * ephemeral point inside {@code metadata.json} (same length, same chunks, same trailer). A resumed
 * download still decrypts (readers take the stanza from the first bytes and ignore the central
 * directory), but the bytes are not identical until format/ offers a reusable stanza.
 */
final class Rewrap {

	private Rewrap() {
	}

	/** A new stanza for {@code to}; its text is what {@code download_stanzas} stores. */
	static String newStanza(FileKey key, Recipient to) {
		return "recipient:" + to.fingerprint();
	}

	/**
	 * Starts the archive on {@code out} (writes {@code metadata.json}).
	 * @param stanza the stored stanza text for {@code to}
	 * @param key the file key; the caller destroys it afterwards
	 */
	static ArchiveWriter start(OutputStream out, PayloadHeader payload, ChunkLayout layout, String stanza,
			Recipient to, FileKey key, List<byte[]> chunkSha256) throws IOException {
		return ArchiveWriter.create(out, payload, layout.totalChunks(), layout.plaintextSize(), key, List.of(to),
				chunkSha256);
	}

}
