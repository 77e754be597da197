package dev.sealdrop.server.download;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.sealdrop.format.ArchiveFrame;
import dev.sealdrop.format.FileKey;
import dev.sealdrop.format.MalformedArchiveException;
import dev.sealdrop.format.PayloadHeader;
import dev.sealdrop.format.Recipient;
import dev.sealdrop.format.RecipientStanza;
import dev.sealdrop.server.clients.ClientService;
import dev.sealdrop.server.files.FileRepository;
import dev.sealdrop.server.files.StoredChunks;
import dev.sealdrop.server.files.StoredFile;
import dev.sealdrop.server.problem.ApiException;
import dev.sealdrop.server.problem.ProblemType;
import dev.sealdrop.server.security.SealdropPrincipal;
import dev.sealdrop.server.shares.ShareService;
import dev.sealdrop.server.storage.BlobStore;
import dev.sealdrop.server.storage.StorageKeyWrapper;

/**
 * Prepares downloads: checks that the caller may read the file (owner or share grantee; anything
 * else is not-found) and may use the key (an active client of theirs, or an ad-hoc key), makes or
 * loads the stored stanza, and computes length and ETag.
 */
@Service
class DownloadService {

	private static final Logger logger = LoggerFactory.getLogger(DownloadService.class);

	private final ShareService shares;

	private final ClientService clients;

	private final FileRepository files;

	private final StanzaRepository stanzas;

	private final BlobStore blobs;

	private final StorageKeyWrapper keys;

	private final TransactionTemplate tx;

	DownloadService(ShareService shares, ClientService clients, FileRepository files, StanzaRepository stanzas,
			BlobStore blobs, StorageKeyWrapper keys, PlatformTransactionManager transactionManager) {
		this.tx = new TransactionTemplate(transactionManager);
		this.shares = shares;
		this.clients = clients;
		this.files = files;
		this.stanzas = stanzas;
		this.blobs = blobs;
		this.keys = keys;
	}

	/** The file re-wrapped for one of the caller's active clients. */
	DownloadArchive forClient(SealdropPrincipal me, String fileId, String clientId) {
		StoredFile file = this.shares.readableFile(me, fileId);
		if (clientId == null || clientId.isBlank()) {
			throw new ApiException(ProblemType.VALIDATION_FAILED,
					"client is required: the id of one of your registered clients (GET /api/v1/clients).");
		}
		Recipient recipient = this.clients.activeRecipient(me, clientId);
		return prepare(file, recipient, true);
	}

	/** The file re-wrapped for a key given with the request. */
	DownloadArchive forKey(SealdropPrincipal me, String fileId, String publicKey) {
		StoredFile file = this.shares.readableFile(me, fileId);
		Recipient recipient = ClientService.parseKey(publicKey);
		this.clients.refuseRevokedKey(me, recipient);
		return prepare(file, recipient, true);
	}

	/** The file for a key the server itself holds for one request (plaintext downloads); nothing stored. */
	DownloadArchive forServerSide(StoredFile file, Recipient ephemeral) {
		return prepare(file, ephemeral, false);
	}

	/** A file the caller may read, for the plaintext endpoint. */
	StoredFile readable(SealdropPrincipal me, String fileId) {
		return this.shares.readableFile(me, fileId);
	}

	private DownloadArchive prepare(StoredFile file, Recipient recipient, boolean storeStanza) {
		PayloadHeader payload;
		try {
			payload = PayloadHeader.decode(file.payloadHeader());
		}
		catch (MalformedArchiveException ex) {
			throw storageFault(file, "its stored payload header does not parse", ex);
		}
		if (payload.chunkSize() != file.chunkSize()) {
			// the archive's chunk lengths follow the header, the blob offsets the row: they must agree
			throw storageFault(file, "its stored payload header and chunk size disagree", null);
		}
		ChunkLayout layout = new ChunkLayout(file.plaintextSize(), file.chunkSize(), file.totalChunks());
		checkBlob(file, layout);
		List<FileRepository.ChunkDigests> digests = chunkDigests(file, layout);
		List<byte[]> hashes = digests.stream().map(FileRepository.ChunkDigests::sha256).toList();
		long[] crcs = digests.stream().mapToLong(FileRepository.ChunkDigests::crc32).toArray();
		byte[] sealedDigest = Base64.getDecoder().decode(file.sealedDigest());
		String fingerprint = recipient.fingerprint().toString();
		String stanza = storeStanza ? this.stanzas.find(file.id(), fingerprint)
			.orElseGet(() -> this.stanzas.insertOrGet(file.id(), fingerprint, newStanza(file, recipient)))
				: newStanza(file, recipient);
		ArchiveFrame frame;
		try {
			frame = ArchiveFrame.of(payload, layout.plaintextSize(), List.of(RecipientStanza.decode(stanza)), hashes,
					crcs, sealedDigest);
		}
		catch (MalformedArchiveException ex) {
			throw storageFault(file, "its stored recipient stanza does not parse", ex);
		}
		return new DownloadArchive(file, payload, layout, hashes, sealedDigest, recipient, stanza, frame,
				etag(file, fingerprint, stanza), this.blobs);
	}

	/**
	 * The stored SHA-256 and CRC-32 of every chunk. Files stored before CRC-32s were kept get them
	 * now, once, from the blob.
	 */
	private List<FileRepository.ChunkDigests> chunkDigests(StoredFile file, ChunkLayout layout) {
		List<FileRepository.ChunkDigests> digests = this.files.chunkDigests(file.id());
		if (digests.size() == layout.totalChunks() && digests.stream().allMatch((d) -> d.crc32() != null)) {
			return digests;
		}
		StoredChunks chunks = new StoredChunks();
		try (InputStream blob = this.blobs.open(file.id())) {
			MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
			CRC32 crc = new CRC32();
			for (int i = 0; i < layout.totalChunks(); i++) {
				byte[] sealed = blob.readNBytes(Math.toIntExact(layout.sealedSize(i)));
				if (sealed.length != layout.sealedSize(i)) {
					throw storageFault(file, "its stored content ends early", null);
				}
				crc.reset();
				crc.update(sealed);
				chunks.add(sealed.length, sha256.digest(sealed), crc.getValue());
			}
		}
		catch (IOException | NoSuchAlgorithmException ex) {
			throw storageFault(file, "its stored content cannot be read", ex);
		}
		this.tx.executeWithoutResult((status) -> this.files.replaceChunks(file.id(), chunks));
		logger.info("Stored the chunk CRC-32s of file {} ({} chunks)", file.id(), chunks.count());
		List<FileRepository.ChunkDigests> computed = new ArrayList<>();
		for (int i = 0; i < chunks.count(); i++) {
			computed.add(new FileRepository.ChunkDigests(chunks.sha256(i), chunks.crc32(i)));
		}
		return computed;
	}

	private String newStanza(StoredFile file, Recipient recipient) {
		byte[] raw = this.keys.unwrap(file.wrappedKey(), file.id());
		FileKey key = FileKey.of(raw);
		java.util.Arrays.fill(raw, (byte) 0);
		try {
			return Rewrap.newStanza(key, recipient);
		}
		finally {
			key.destroy();
		}
	}

	private void checkBlob(StoredFile file, ChunkLayout layout) {
		long size;
		try {
			size = this.blobs.size(file.id());
		}
		catch (IOException ex) {
			throw storageFault(file, "its stored content is missing", ex);
		}
		if (size != layout.sealedTotal()) {
			throw storageFault(file, "its stored content has the wrong length", null);
		}
	}

	// Checked before the response starts: once streaming, a problem response is no longer possible.
	private static ApiException storageFault(StoredFile file, String what, Exception cause) {
		logger.error("File {} cannot be served: {}", file.id(), what, cause);
		return new ApiException(ProblemType.INTERNAL, "The stored file cannot be served; an administrator "
				+ "should check the server log.", java.util.Map.of(), null, cause);
	}

	/** Strong: changes with anything that changes the bytes (another stanza, another file). */
	static String etag(StoredFile file, String recipient, String stanza) {
		try {
			MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
			String input = "sealdrop-archive-etag/1\n" + file.id() + "\n" + recipient + "\n" + stanza + "\n"
					+ file.sealedDigest() + "\n";
			byte[] hash = sha256.digest(input.getBytes(StandardCharsets.UTF_8));
			return "\"" + HexFormat.of().formatHex(hash, 0, 16) + "\"";
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
