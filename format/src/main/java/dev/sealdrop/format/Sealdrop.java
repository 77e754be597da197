package dev.sealdrop.format;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The entry points of the sealdrop format (FORMAT.md): encrypt a stream to recipients' public keys,
 * decrypt an archive with one's private keys, inspect an archive's header without a key.
 */
public final class Sealdrop {

	private Sealdrop() {
	}

	/**
	 * Starts a v1 archive on {@code archive} for the given recipients: the first goes into
	 * {@code keys} (for an upload, the server), the others into {@code recipients}. Write the plaintext
	 * to the returned stream; its {@code close()} finishes the archive and closes {@code archive}.
	 * @throws IllegalArgumentException if there are not 1 to 16 recipients
	 */
	public static EncryptingOutputStream encrypt(OutputStream archive, EncryptOptions options, List<Recipient> recipients)
			throws IOException {
		return new EncryptingOutputStream(archive, options, recipients);
	}

	/**
	 * Opens an archive (v1, or format 0 with a warning in the header) with the first of the identities
	 * that a stanza names. The header is read and checked and the file key unwrapped here, so
	 * {@link NoMatchingKeyException}, {@link IntegrityException} (a stanza naming the key does not
	 * open), {@link MalformedArchiveException} and {@link UnsupportedFormatException} are thrown now;
	 * chunk and trailer failures come from {@code read}. The returned stream owns {@code archive}
	 * (closes it on close, and here on failure).
	 */
	public static DecryptingInputStream decrypt(InputStream archive, List<Identity> identities) throws IOException {
		return new DecryptingInputStream(ArchiveReader.open(archive, identities, ReaderLimits.defaults()));
	}

	/**
	 * Reads an archive's header, no key needed. For v1 only {@code metadata.json} is read (strictly);
	 * a format-0 archive is spooled to a temporary file first. Does not close {@code archive}.
	 */
	public static ArchiveInfo inspect(InputStream archive) throws IOException {
		ReaderLimits limits = ReaderLimits.defaults();
		ArchiveProbe.Result probe = ArchiveProbe.probe(new NonClosingInputStream(archive), limits);
		if (probe instanceof ArchiveProbe.V1 v1) {
			MetadataCodec.V1 metadata = v1.metadata();
			List<String> recipients = new ArrayList<>();
			for (WrappedKey key : ArchiveReader.decodeStanzas(metadata)) {
				recipients.add(key.recipient().toString());
			}
			PayloadHeader payload = metadata.payload();
			return new ArchiveInfo(1, payload.originalSize(), payload.chunkSize(), metadata.totalChunks(), recipients,
					metadata.keyEncryption(), metadata.encryptionAlgorithm(), v1.metadataBytes());
		}
		return Format0ChunkSource.inspect(((ArchiveProbe.Format0) probe).file(), limits);
	}

	private static final class NonClosingInputStream extends java.io.FilterInputStream {

		NonClosingInputStream(InputStream in) {
			super(in);
		}

		@Override
		public void close() {
			// inspect leaves the caller's stream open
		}

	}

}
