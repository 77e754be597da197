package dev.sealdrop.format;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

import tools.jackson.databind.JsonNode;

/**
 * Reads a format-0 archive (FORMAT.md §12) from a spooled file with random access, checks everything
 * §12 asks, and hands out its plaintext re-cut into chunks of a fresh v1 payload (so the server can
 * store it as it stores v1 uploads). Deletes the spooled file on close.
 */
final class Format0ChunkSource implements ChunkSource {

	static final String WARNING = "format 0: chunk order and the archive as a whole are not authenticated, "
			+ "and plaintext hashes are exposed";

	private static final Pattern CHUNK_ENTRY = Pattern.compile("[Cc]hunks/chunk_([1-9][0-9]{0,9})\\.enc");

	private static final Pattern CHECKSUM_LINE = Pattern.compile("chunk_([1-9][0-9]{0,9}): ([0-9a-f]{64})");

	private static final Set<String> OTHER_FILES = Set.of(ArchiveLayout.METADATA, ArchiveLayout.CHECKSUMS,
			"encrypted_keys.bin");

	private static final int MAX_DIRECTORIES = 8;

	private static final SecureRandom RANDOM = new SecureRandom();

	private final Path spool;

	private final ZipFile zip;

	private final MetadataCodec.Format0 metadata;

	private final List<MetadataCodec.Chunk0> chunks;

	private final Map<Long, ZipArchiveEntry> chunkEntries;

	private final byte[] key0;

	private final ArchiveHeader header;

	private final FileKey fileKey;

	private final PayloadHeader payload;

	private final MessageDigest sha256 = ArchiveWriter.sha256();

	private final ByteArrayOutputStream carry = new ByteArrayOutputStream();

	private int nextChunk0;

	private long index;

	private byte[] digest;

	private Format0ChunkSource(Path spool, ZipFile zip, Parsed parsed, byte[] key0, Fingerprint openedWith)
			throws SealdropException {
		this.spool = spool;
		this.zip = zip;
		this.metadata = parsed.metadata;
		this.chunks = parsed.chunksInOrder;
		this.chunkEntries = parsed.chunkEntries;
		this.key0 = key0;
		String name = lastComponent(this.metadata.originalName());
		this.fileKey = FileKey.generate();
		byte[] salt = new byte[PayloadHeader.SALT_LENGTH];
		RANDOM.nextBytes(salt);
		DerivedKeys keys = DerivedKeys.derive(this.fileKey, salt);
		byte[] sealedName;
		try {
			sealedName = FileName.seal(keys.nameKey(), name);
		}
		catch (IllegalArgumentException ex) {
			throw new MalformedArchiveException("file_info.original_name: not a valid file name");
		}
		this.payload = new PayloadHeader(EncryptOptions.DEFAULT_CHUNK_SIZE, this.metadata.originalSize(), salt, sealedName);
		this.header = new ArchiveHeader(0, name, this.metadata.originalSize(), (int) this.metadata.chunkSize(),
				this.metadata.totalChunks(), openedWith, List.of(WARNING));
	}

	/** Opens and checks the spooled archive; deletes it if that fails. */
	static Format0ChunkSource open(Path spool, List<Identity> identities, ReaderLimits limits) throws IOException {
		ZipFile zip = null;
		try {
			zip = openZip(spool);
			Parsed parsed = parse(zip, limits);
			for (Identity identity : identities) {
				byte[] key0 = unwrap(parsed.metadata, identity);
				if (key0 != null) {
					return new Format0ChunkSource(spool, zip, parsed, key0, identity.fingerprint());
				}
			}
			throw new NoMatchingKeyException("format 0: none of the given keys opens the file key");
		}
		catch (IOException | RuntimeException ex) {
			closeQuietly(zip);
			Files.deleteIfExists(spool);
			throw ex;
		}
	}

	/** The header of a spooled format-0 archive, for inspect; deletes the file. */
	static ArchiveInfo inspect(Path spool, ReaderLimits limits) throws IOException {
		try (ZipFile zip = openZip(spool)) {
			Parsed parsed = parse(zip, limits);
			MetadataCodec.Format0 m = parsed.metadata;
			return new ArchiveInfo(0, m.originalSize(), (int) m.chunkSize(), m.totalChunks(), List.of(), "ECC-384-HKDF",
					"AES-256-GCM", parsed.metadataBytes);
		}
		finally {
			Files.deleteIfExists(spool);
		}
	}

	private static ZipFile openZip(Path spool) throws IOException {
		try {
			return ZipFile.builder().setPath(spool).setUseUnicodeExtraFields(false).get();
		}
		catch (IOException ex) {
			throw new MalformedArchiveException("not a valid ZIP archive (" + ex.getClass().getSimpleName() + ")");
		}
	}

	private record Parsed(MetadataCodec.Format0 metadata, List<MetadataCodec.Chunk0> chunksInOrder,
			Map<Long, ZipArchiveEntry> chunkEntries, long metadataBytes) {
	}

	private static Parsed parse(ZipFile zip, ReaderLimits limits) throws IOException {
		List<ZipArchiveEntry> entries = Collections.list(zip.getEntries());
		String prefix = prefix(entries);
		Map<String, ZipArchiveEntry> files = new HashMap<>();
		Map<Long, ZipArchiveEntry> chunkEntries = new HashMap<>();
		int directories = 0;
		for (ZipArchiveEntry entry : entries) {
			String name = entry.getName();
			if (entry.isDirectory()) {
				if (++directories > MAX_DIRECTORIES) {
					throw new MalformedArchiveException("format 0: more than " + MAX_DIRECTORIES + " directory entries");
				}
				continue;
			}
			if (!name.startsWith(prefix)) {
				throw new MalformedArchiveException("format 0: unexpected entry '" + Json.printable(name) + "'");
			}
			if (entry.getGeneralPurposeBit().usesEncryption()
					|| (entry.getMethod() != ZipArchiveEntry.STORED && entry.getMethod() != ZipArchiveEntry.DEFLATED)) {
				throw new MalformedArchiveException("format 0: entry '" + Json.printable(name) + "' is encrypted or uses an unsupported method");
			}
			String relative = name.substring(prefix.length());
			Matcher chunk = CHUNK_ENTRY.matcher(relative);
			if (chunk.matches()) {
				if (chunkEntries.put(Long.parseLong(chunk.group(1)), entry) != null) {
					throw new MalformedArchiveException("format 0: duplicate chunk entry '" + Json.printable(name) + "'");
				}
			}
			else if (OTHER_FILES.contains(relative)) {
				if (files.put(relative, entry) != null) {
					throw new MalformedArchiveException("format 0: duplicate entry '" + Json.printable(name) + "'");
				}
			}
			else {
				throw new MalformedArchiveException("format 0: unexpected entry '" + Json.printable(name) + "'");
			}
		}
		ZipArchiveEntry metadataEntry = files.get(ArchiveLayout.METADATA);
		byte[] json = read(zip, metadataEntry, limits.maxMetadataBytes(), "metadata.json");
		JsonNode root = MetadataCodec.parseTree(json);
		if (MetadataCodec.hasVersion(root)) {
			throw new MalformedArchiveException("entry '" + Json.printable(entries.get(0).getName())
					+ "' out of order: expected 'metadata.json' first");
		}
		MetadataCodec.Format0 metadata = MetadataCodec.readFormat0(root, limits.maxChunks());
		if (metadata.chunkSize() > PayloadHeader.MAX_CHUNK_SIZE) {
			throw new MalformedArchiveException("file_info.chunk_size: larger than 16 MiB");
		}
		if (entries.size() > metadata.totalChunks() + 4 + directories) {
			throw new MalformedArchiveException("format 0: too many entries");
		}
		List<MetadataCodec.Chunk0> ordered = order(metadata, chunkEntries);
		if (files.containsKey(ArchiveLayout.CHECKSUMS)) {
			checkChecksums(read(zip, files.get(ArchiveLayout.CHECKSUMS), 100L * (ordered.size() + 1), "checksums.txt"),
					ordered);
		}
		return new Parsed(metadata, ordered, chunkEntries, json.length);
	}

	// metadata.json is at the root or under exactly one top-level folder; everything else is under the same prefix
	private static String prefix(List<ZipArchiveEntry> entries) throws MalformedArchiveException {
		String prefix = null;
		for (ZipArchiveEntry entry : entries) {
			String name = entry.getName();
			if (!entry.isDirectory() && (name.equals(ArchiveLayout.METADATA) || name.endsWith("/" + ArchiveLayout.METADATA))) {
				String candidate = name.substring(0, name.length() - ArchiveLayout.METADATA.length());
				if (candidate.indexOf('/') != candidate.length() - 1 && !candidate.isEmpty()) {
					continue;
				}
				if (prefix != null) {
					throw new MalformedArchiveException("format 0: more than one metadata.json");
				}
				prefix = candidate;
			}
		}
		if (prefix == null) {
			throw new MalformedArchiveException("format 0: no metadata.json");
		}
		if (prefix.startsWith("/") || prefix.equals("../") || prefix.equals("./")) {
			throw new MalformedArchiveException("format 0: bad folder prefix");
		}
		return prefix;
	}

	private static List<MetadataCodec.Chunk0> order(MetadataCodec.Format0 metadata,
			Map<Long, ZipArchiveEntry> chunkEntries) throws SealdropException {
		long total = metadata.totalChunks();
		MetadataCodec.Chunk0[] byId = new MetadataCodec.Chunk0[(int) total];
		Set<String> ivs = new HashSet<>();
		long sum = 0;
		for (MetadataCodec.Chunk0 chunk : metadata.chunks()) {
			int slot = (int) (chunk.id() - 1);
			if (byId[slot] != null) {
				throw new MalformedArchiveException("chunks: chunk_id " + chunk.id() + " appears twice");
			}
			byId[slot] = chunk;
			if (!chunk.filename().equals("chunk_" + chunk.id() + ".enc")) {
				throw new MalformedArchiveException("chunks: chunk_id " + chunk.id() + " has encrypted_filename '"
						+ Json.printable(chunk.filename()) + "'");
			}
			if (!ivs.add(Hex.encode(chunk.iv()))) {
				throw new IntegrityException("chunks: chunk_id " + chunk.id() + " reuses an IV");
			}
			if (!chunkEntries.containsKey(chunk.id())) {
				throw new IntegrityException("chunk " + chunk.id() + ": entry chunks/chunk_" + chunk.id() + ".enc is missing");
			}
			sum += chunk.size();
		}
		if (chunkEntries.size() != total) {
			throw new MalformedArchiveException("format 0: chunk entries that metadata.json does not list");
		}
		if (sum != metadata.originalSize()) {
			throw new IntegrityException("chunks: sizes add up to " + sum + ", not original_size " + metadata.originalSize());
		}
		if (total == 0 && metadata.originalSize() != 0) {
			throw new IntegrityException("chunks: none, but original_size is not 0");
		}
		return List.of(byId);
	}

	private static void checkChecksums(byte[] text, List<MetadataCodec.Chunk0> chunks) throws SealdropException {
		String[] lines = new String(text, StandardCharsets.US_ASCII).split("\n", -1);
		Set<Long> seen = new HashSet<>();
		for (int i = 0; i < lines.length; i++) {
			String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
			if (line.isEmpty() && i == lines.length - 1) {
				break;
			}
			Matcher m = CHECKSUM_LINE.matcher(line);
			if (!m.matches()) {
				throw new MalformedArchiveException("checksums.txt: line " + (i + 1) + " is not 'chunk_N: <hex>'");
			}
			long id = Long.parseLong(m.group(1));
			if (id > chunks.size() || !seen.add(id)) {
				throw new MalformedArchiveException("checksums.txt: line " + (i + 1) + " names an unknown or repeated chunk");
			}
			if (!Hex.encode(chunks.get((int) (id - 1)).checksum()).equals(m.group(2))) {
				throw new IntegrityException("checksums.txt: chunk_" + id + " does not match metadata.json");
			}
		}
		if (seen.size() != chunks.size()) {
			throw new IntegrityException("checksums.txt: not every chunk is listed");
		}
	}

	private static byte[] read(ZipFile zip, ZipArchiveEntry entry, long max, String what) throws IOException {
		if (entry == null) {
			throw new MalformedArchiveException("format 0: no " + what);
		}
		try (InputStream in = zip.getInputStream(entry)) {
			byte[] data = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, max + 1));
			if (data.length > max) {
				throw new MalformedArchiveException(what + ": larger than " + max + " bytes");
			}
			return data;
		}
		catch (SealdropException ex) {
			throw ex;
		}
		catch (IOException | RuntimeException ex) {
			throw new MalformedArchiveException(what + ": cannot be read (" + ex.getClass().getSimpleName() + ")");
		}
	}

	private static byte[] unwrap(MetadataCodec.Format0 metadata, Identity identity) throws SealdropException {
		Recipient ephemeral = ephemeralKey(metadata.ephemeralPublicKey());
		byte[] shared = Ecdh.sharedSecretX(identity, ephemeral);
		byte[] kek = Hkdf.sha256(shared, new byte[32], new byte[0], 32);
		Arrays.fill(shared, (byte) 0);
		byte[] wrapped = Arrays.copyOf(metadata.encryptedKey(), 48);
		System.arraycopy(metadata.keyTag(), 0, wrapped, 32, 16);
		byte[] key = Gcm.open(kek, metadata.keyNonce(), new byte[0], wrapped, 0, wrapped.length);
		Arrays.fill(kek, (byte) 0);
		return key;
	}

	// the original client wrote PEM with or without a final newline; accept either, but only a P-384 SPKI
	private static Recipient ephemeralKey(String pem) throws MalformedArchiveException {
		String text = pem.strip();
		String begin = "-----BEGIN PUBLIC KEY-----";
		String end = "-----END PUBLIC KEY-----";
		if (!text.startsWith(begin) || !text.endsWith(end) || text.length() > 4096) {
			throw new MalformedArchiveException("keys.ephemeral_public_key: not a PEM public key");
		}
		String body = text.substring(begin.length(), text.length() - end.length()).replace("\r", "").replace("\n", "");
		try {
			return Recipient.fromSpki(Base64Strict.decode(body));
		}
		catch (IllegalArgumentException | InvalidKeyException ex) {
			throw new MalformedArchiveException("keys.ephemeral_public_key: not a valid P-384 public key");
		}
	}

	/** The last path component of the original name: the name is display data, never a path (§12). */
	static String lastComponent(String name) {
		int cut = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
		return name.substring(cut + 1);
	}

	@Override
	public ArchiveHeader header() {
		return this.header;
	}

	@Override
	public PayloadHeader payload() {
		return this.payload;
	}

	@Override
	public FileKey fileKey() {
		return this.fileKey;
	}

	@Override
	public byte[] sha256() {
		return (this.digest != null) ? this.digest.clone() : null;
	}

	@Override
	public Opened next() throws IOException {
		long total = this.payload.totalChunks();
		if (this.index >= total) {
			return null;
		}
		boolean last = this.index == total - 1;
		long want = last ? this.payload.originalSize() - this.index * this.payload.chunkSize() : this.payload.chunkSize();
		while (this.carry.size() < want) {
			this.carry.writeBytes(readChunk0(this.nextChunk0++));
		}
		byte[] all = this.carry.toByteArray();
		byte[] plaintext = Arrays.copyOf(all, (int) want);
		this.carry.reset();
		this.carry.write(all, (int) want, all.length - (int) want);
		this.sha256.update(plaintext);
		Opened opened = new Opened(this.index++, last, null, plaintext);
		if (last) {
			this.digest = this.sha256.digest();
		}
		return opened;
	}

	private byte[] readChunk0(int position) throws IOException {
		MetadataCodec.Chunk0 chunk = this.chunks.get(position);
		String label = "chunk " + chunk.id();
		ZipArchiveEntry entry = this.chunkEntries.get(chunk.id());
		long expected = 12 + chunk.size() + Gcm.TAG_LENGTH;
		byte[] stored = read(this.zip, entry, expected, "chunks/chunk_" + chunk.id() + ".enc");
		if (stored.length != expected) {
			throw new IntegrityException(label + ": length does not match its size in metadata.json");
		}
		if (!MessageDigest.isEqual(Arrays.copyOf(stored, 12), chunk.iv())) {
			throw new IntegrityException(label + ": IV does not match metadata.json");
		}
		byte[] plaintext = Gcm.open(this.key0, chunk.iv(), new byte[0], stored, 12, stored.length - 12);
		if (plaintext == null) {
			throw new IntegrityException(label + ": authentication failed");
		}
		if (plaintext.length != chunk.size()
				|| !MessageDigest.isEqual(ArchiveWriter.sha256().digest(plaintext), chunk.checksum())) {
			throw new IntegrityException(label + ": checksum does not match metadata.json");
		}
		return plaintext;
	}

	@Override
	public void close() throws IOException {
		try {
			this.zip.close();
		}
		finally {
			Arrays.fill(this.key0, (byte) 0);
			Files.deleteIfExists(this.spool);
		}
	}

	private static void closeQuietly(ZipFile zip) {
		if (zip != null) {
			try {
				zip.close();
			}
			catch (IOException ex) {
				// already failing; the original error is the one to report
			}
		}
	}

}
