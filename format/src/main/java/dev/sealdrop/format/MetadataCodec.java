package dev.sealdrop.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and writes {@code metadata.json} (FORMAT.md §4 for v1, §12 for format 0). Reading is strict:
 * duplicate names, unknown members (v1), wrong types and nesting deeper than 8 are rejected before
 * any value is used.
 */
final class MetadataCodec {

	static final int MAX_BYTES = 1 << 20;

	static final int MAX_DEPTH = 8;

	static final int MAX_STANZAS = 16;

	static final String STREAM_ALGORITHM = "AES-256-GCM-STREAM";

	private static final JsonMapper MAPPER = JsonMapper
		.builder(JsonFactory.builder()
			.streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
			.build())
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	private MetadataCodec() {
	}

	/** The parsed v1 header. {@code chunkSha256[i]} is null where the optional member is absent. */
	record V1(PayloadHeader payload, long totalChunks, byte[][] chunkSha256, List<Stanza> stanzas,
			String keyEncryption, String encryptionAlgorithm) {
	}

	/** The parsed format-0 header (§12). */
	record Format0(String originalName, long originalSize, long chunkSize, long totalChunks, List<Chunk0> chunks,
			byte[] encryptedKey, byte[] keyNonce, byte[] keyTag, String ephemeralPublicKey) {
	}

	record Chunk0(long id, String filename, byte[] iv, byte[] checksum, long size) {
	}

	// ---- writing

	static byte[] write(PayloadHeader payload, List<Stanza> stanzas, List<byte[]> chunkSha256OrNull) {
		ObjectNode root = MAPPER.createObjectNode();
		root.put("format_version", 1);
		ObjectNode info = root.putObject("file_info");
		info.putNull("original_name");
		info.put("encrypted_name", Base64Strict.encode(payload.encryptedName()));
		long total = payload.totalChunks();
		if (payload.originalSize() < 0) {
			info.putNull("original_size");
		}
		else {
			info.put("original_size", payload.originalSize());
		}
		info.put("chunk_size", payload.chunkSize());
		if (total < 0) {
			info.putNull("total_chunks");
		}
		else {
			info.put("total_chunks", total);
		}
		info.put("encryption_algorithm", STREAM_ALGORITHM);
		info.put("key_encryption", Stanza.HPKE);
		root.putObject("payload").put("salt", Base64Strict.encode(payload.salt()));
		ArrayNode chunks = root.putArray("chunks");
		for (long i = 0; i < total; i++) {
			ObjectNode chunk = chunks.addObject();
			chunk.put("chunk_id", i + 1);
			chunk.put("encrypted_filename", "chunk_" + (i + 1) + ".enc");
			chunk.put("size", ArchiveLayout.sealedChunkSize(payload, i));
			if (chunkSha256OrNull != null) {
				chunk.put("sha256", Hex.encode(chunkSha256OrNull.get((int) i)));
			}
		}
		root.set("keys", stanza(stanzas.get(0)));
		ArrayNode others = root.putArray("recipients");
		for (Stanza stanza : stanzas.subList(1, stanzas.size())) {
			others.add(stanza(stanza));
		}
		return MAPPER.writeValueAsBytes(root);
	}

	private static ObjectNode stanza(Stanza stanza) {
		ObjectNode node = MAPPER.createObjectNode();
		node.put("key_wrap_method", stanza.method());
		node.put("recipient", stanza.recipient());
		node.put("encrypted_key", stanza.encryptedKey());
		node.put("ephemeral_public_key", stanza.ephemeralPublicKey());
		return node;
	}

	// ---- reading

	/** Parses the JSON with the strict parser; the root must be an object. */
	static JsonNode parseTree(byte[] json) throws MalformedArchiveException {
		if (json.length > MAX_BYTES) {
			throw new MalformedArchiveException("metadata.json: larger than 1 MiB");
		}
		JsonNode root;
		try {
			root = MAPPER.readTree(json);
		}
		catch (JacksonException ex) {
			// Jackson's message can quote input; the location is enough
			throw new MalformedArchiveException("metadata.json: not valid JSON (" + reason(ex) + ")");
		}
		if (root == null || !root.isObject()) {
			throw new MalformedArchiveException("metadata.json: not a JSON object");
		}
		return root;
	}

	private static String reason(JacksonException ex) {
		String message = String.valueOf(ex.getOriginalMessage());
		if (message.startsWith("Duplicate Object property")) {
			return "duplicate member name";
		}
		if (message.contains("nesting depth")) {
			return "nesting deeper than " + MAX_DEPTH;
		}
		return (ex.getLocation() != null) ? "at byte " + ex.getLocation().getByteOffset() : "syntax";
	}

	/** {@code true} when the header carries {@code format_version} (v1 or later), {@code false} for format 0. */
	static boolean hasVersion(JsonNode root) {
		return root.has("format_version");
	}

	static V1 readV1(JsonNode root) throws SealdropException {
		Json.members(root, "metadata.json", Set.of("format_version", "file_info", "payload", "chunks", "keys", "recipients"),
				Set.of());
		JsonNode version = root.get("format_version");
		if (!version.isIntegralNumber()) {
			throw new MalformedArchiveException("metadata.json: format_version is not an integer");
		}
		if (!version.canConvertToLong() || version.longValue() != 1) {
			throw new UnsupportedFormatException("metadata.json: format_version " + version.asString() + " is not supported");
		}
		JsonNode info = Json.object(root, "file_info", "metadata.json");
		Json.members(info, "file_info", Set.of("original_name", "encrypted_name", "original_size", "chunk_size",
				"total_chunks", "encryption_algorithm", "key_encryption"), Set.of());
		if (!info.get("original_name").isNull()) {
			throw new MalformedArchiveException("file_info.original_name: must be null in format 1");
		}
		String algorithm = Json.string(info, "encryption_algorithm", "file_info");
		String keyEncryption = Json.string(info, "key_encryption", "file_info");
		byte[] encryptedName = Json.base64(info, "encrypted_name", "file_info", FileName.SEALED);
		long originalSize = Json.integerOrNull(info, "original_size", "file_info", 0, PayloadHeader.MAX_SIZE);
		long chunkSize = Json.integer(info, "chunk_size", "file_info", PayloadHeader.MIN_CHUNK_SIZE,
				PayloadHeader.MAX_CHUNK_SIZE);
		long totalChunks = Json.integerOrNull(info, "total_chunks", "file_info", 1, ChunkSealer.MAX_CHUNKS);
		JsonNode payloadNode = Json.object(root, "payload", "metadata.json");
		Json.members(payloadNode, "payload", Set.of("salt"), Set.of());
		byte[] salt = Json.base64(payloadNode, "salt", "payload", PayloadHeader.SALT_LENGTH);
		if (!STREAM_ALGORITHM.equals(algorithm)) {
			throw new UnsupportedFormatException("file_info.encryption_algorithm: '" + Json.printable(algorithm)
					+ "' is not supported");
		}
		if (!Stanza.HPKE.equals(keyEncryption)) {
			throw new UnsupportedFormatException("file_info.key_encryption: '" + Json.printable(keyEncryption)
					+ "' is not supported");
		}
		PayloadHeader payload = new PayloadHeader((int) chunkSize, originalSize, salt, encryptedName);
		if ((originalSize < 0) != (totalChunks < 0)) {
			throw new MalformedArchiveException("file_info: total_chunks must be null exactly when original_size is null");
		}
		if (totalChunks != payload.totalChunks()) {
			throw new MalformedArchiveException("file_info.total_chunks: " + totalChunks
					+ " does not match original_size and chunk_size (" + payload.totalChunks() + ")");
		}
		byte[][] chunkSha256 = readChunks(root, payload);
		List<Stanza> stanzas = new ArrayList<>();
		stanzas.add(readStanza(Json.object(root, "keys", "metadata.json"), "keys"));
		JsonNode recipients = Json.array(root, "recipients", "metadata.json");
		if (recipients.size() > MAX_STANZAS - 1) {
			throw new MalformedArchiveException("recipients: more than " + (MAX_STANZAS - 1) + " stanzas");
		}
		for (int i = 0; i < recipients.size(); i++) {
			String where = "recipients[" + i + "]";
			if (!recipients.get(i).isObject()) {
				throw new MalformedArchiveException(where + ": not an object");
			}
			stanzas.add(readStanza(recipients.get(i), where));
		}
		return new V1(payload, totalChunks, chunkSha256, List.copyOf(stanzas), keyEncryption, algorithm);
	}

	private static byte[][] readChunks(JsonNode root, PayloadHeader payload) throws MalformedArchiveException {
		JsonNode chunks = Json.array(root, "chunks", "metadata.json");
		long total = Math.max(0, payload.totalChunks());
		if (chunks.size() != total) {
			throw new MalformedArchiveException("chunks: " + chunks.size() + " entries, expected " + total);
		}
		byte[][] sha256 = new byte[chunks.size()][];
		for (int i = 0; i < chunks.size(); i++) {
			String where = "chunks[" + i + "]";
			JsonNode chunk = chunks.get(i);
			if (!chunk.isObject()) {
				throw new MalformedArchiveException(where + ": not an object");
			}
			Json.members(chunk, where, Set.of("chunk_id", "encrypted_filename", "size"), Set.of("sha256"));
			if (Json.integer(chunk, "chunk_id", where, 0, Long.MAX_VALUE) != i + 1) {
				throw new MalformedArchiveException(where + ".chunk_id: expected " + (i + 1));
			}
			if (!("chunk_" + (i + 1) + ".enc").equals(Json.string(chunk, "encrypted_filename", where))) {
				throw new MalformedArchiveException(where + ".encrypted_filename: expected 'chunk_" + (i + 1) + ".enc'");
			}
			long expected = ArchiveLayout.sealedChunkSize(payload, i);
			if (Json.integer(chunk, "size", where, 0, Long.MAX_VALUE) != expected) {
				throw new MalformedArchiveException(where + ".size: expected " + expected);
			}
			if (chunk.has("sha256")) {
				sha256[i] = Json.hex(chunk, "sha256", where, 32);
			}
		}
		return sha256;
	}

	private static Stanza readStanza(JsonNode node, String where) throws MalformedArchiveException {
		String method = Json.string(node, "key_wrap_method", where);
		if (!Stanza.HPKE.equals(method)) {
			// a later method's stanza, skipped (§5.1): its other members are its own business
			return Stanza.unknown(method);
		}
		Json.members(node, where, Set.of("key_wrap_method", "recipient", "encrypted_key", "ephemeral_public_key"), Set.of());
		return new Stanza(Json.string(node, "key_wrap_method", where), Json.string(node, "recipient", where),
				Json.string(node, "encrypted_key", where), Json.string(node, "ephemeral_public_key", where));
	}

	/** Reads a format-0 header: known members must have their types, unknown ones are ignored (§12). */
	static Format0 readFormat0(JsonNode root, long maxChunks) throws SealdropException {
		JsonNode info = Json.object(root, "file_info", "metadata.json");
		String name = Json.string(info, "original_name", "file_info");
		long originalSize = Json.integer(info, "original_size", "file_info", 0, PayloadHeader.MAX_SIZE);
		long chunkSize = Json.integer(info, "chunk_size", "file_info", 1, Integer.MAX_VALUE);
		long totalChunks = Json.integer(info, "total_chunks", "file_info", 0, Long.MAX_VALUE);
		String algorithm = Json.string(info, "encryption_algorithm", "file_info");
		String keyEncryption = Json.string(info, "key_encryption", "file_info");
		if (!"AES-256-GCM".equals(algorithm)) {
			throw new UnsupportedFormatException("file_info.encryption_algorithm: '" + Json.printable(algorithm)
					+ "' is not supported in format 0");
		}
		if (!"ECC-384-HKDF".equals(keyEncryption)) {
			throw new UnsupportedFormatException("file_info.key_encryption: '" + Json.printable(keyEncryption)
					+ "' is not supported in format 0");
		}
		if (totalChunks > maxChunks) {
			throw new MalformedArchiveException("file_info.total_chunks: more than the limit of " + maxChunks);
		}
		JsonNode chunks = Json.array(root, "chunks", "metadata.json");
		if (chunks.size() != totalChunks) {
			throw new MalformedArchiveException("chunks: " + chunks.size() + " entries, expected total_chunks "
					+ totalChunks);
		}
		List<Chunk0> list = new ArrayList<>();
		for (int i = 0; i < chunks.size(); i++) {
			String where = "chunks[" + i + "]";
			JsonNode chunk = chunks.get(i);
			if (!chunk.isObject()) {
				throw new MalformedArchiveException(where + ": not an object");
			}
			list.add(new Chunk0(Json.integer(chunk, "chunk_id", where, 1, totalChunks),
					Json.string(chunk, "encrypted_filename", where), Json.base64(chunk, "iv", where, 12),
					Json.hex(chunk, "checksum", where, 32), Json.integer(chunk, "size", where, 0, chunkSize)));
		}
		JsonNode keys = Json.object(root, "keys", "metadata.json");
		if (keys.has("key_wrap_method") && !"ECC-384-HKDF".equals(Json.string(keys, "key_wrap_method", "keys"))) {
			throw new UnsupportedFormatException("keys.key_wrap_method: not supported in format 0");
		}
		return new Format0(name, originalSize, chunkSize, totalChunks, List.copyOf(list),
				Json.base64(keys, "encrypted_key", "keys", 32), Json.base64(keys, "encrypted_nonce", "keys", 12),
				Json.base64(keys, "encrypted_tag", "keys", 16), Json.string(keys, "ephemeral_public_key", "keys"));
	}

}
