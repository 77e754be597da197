package dev.sealdrop.client.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and writes {@code config.json}:
 * <pre>{"version":1,"server":"https://...","username":"alice","token":"sdt_...",
 *  "tokenId":"&lt;id&gt;","clientId":"&lt;uuid&gt;","clientKey":"/home/alice/.config/sealdrop/client-key.pem"}</pre>
 * Writes are atomic, the file 0600 and its folder 0700. Reads are strict: unknown fields, wrong
 * types, an unsupported version, or a file that others can read (it holds the token) are
 * {@link ConfigException}s.
 */
public final class ConfigStore {

	private static final int MAX_BYTES = 64 * 1024;

	private static final int VERSION = 1;

	private static final Set<String> FIELDS = Set.of("version", "server", "username", "token", "tokenId", "clientId",
			"clientKey");

	private static final JsonMapper JSON = JsonMapper.builder()
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.build();

	private final Path file;

	public ConfigStore(ConfigPaths paths) {
		this.file = paths.configFile();
	}

	/** The file this store reads and writes. */
	public Path file() {
		return file;
	}

	/**
	 * The saved configuration, or empty if there is no config file.
	 * @throws ConfigException if the file is malformed or readable by others
	 */
	public Optional<SealdropConfig> load() throws IOException {
		if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !Files.exists(file)) {
			return Optional.empty();
		}
		if (!Files.isRegularFile(file)) {
			throw new ConfigException(file, "not a regular file");
		}
		if (PrivateFiles.isAccessibleByOthers(file)) {
			throw new ConfigException(file, "holds an API token but others can read or write it; run: chmod 600 " + file);
		}
		byte[] bytes;
		try (InputStream in = Files.newInputStream(file)) {
			bytes = in.readNBytes(MAX_BYTES + 1);
		}
		catch (NoSuchFileException ex) {
			return Optional.empty();
		}
		if (bytes.length > MAX_BYTES) {
			throw new ConfigException(file, "larger than " + MAX_BYTES + " bytes");
		}
		return Optional.of(parse(bytes));
	}

	/** Saves {@code config} atomically (file 0600, folder 0700). */
	public void save(SealdropConfig config) throws IOException {
		ObjectNode root = JSON.createObjectNode();
		root.put("version", VERSION);
		root.put("server", config.server().toString());
		if (config.username() != null) {
			root.put("username", config.username());
		}
		if (config.token() != null) {
			root.put("token", config.token());
		}
		if (config.tokenId() != null) {
			root.put("tokenId", config.tokenId());
		}
		if (config.clientId() != null) {
			root.put("clientId", config.clientId().toString());
			root.put("clientKey", config.clientKey().toAbsolutePath().toString());
		}
		byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
		PrivateFiles.writeAtomically(file, bytes);
	}

	/** Deletes the config file; true if there was one. */
	public boolean delete() throws IOException {
		return Files.deleteIfExists(file);
	}

	SealdropConfig parse(byte[] bytes) throws ConfigException {
		JsonNode root;
		try {
			root = JSON.readTree(bytes);
		}
		catch (JacksonException ex) {
			String where = ex.getLocation() == null ? "" : " at line " + ex.getLocation().getLineNr();
			throw new ConfigException(file, "not valid JSON" + where);
		}
		if (root == null || !root.isObject()) {
			throw new ConfigException(file, "must hold a JSON object");
		}
		for (Iterator<Map.Entry<String, JsonNode>> it = root.properties().iterator(); it.hasNext();) {
			String name = it.next().getKey();
			if (!FIELDS.contains(name)) {
				throw new ConfigException(file, "unknown field \"" + printable(name) + "\"");
			}
		}
		JsonNode version = root.get("version");
		if (version == null || !version.isInt() || version.intValue() != VERSION) {
			throw new ConfigException(file, "unsupported or missing \"version\" (expected " + VERSION + ")");
		}
		try {
			ServerUrl server = ServerUrl.parse(text(root, "server", true));
			String username = text(root, "username", false);
			String token = text(root, "token", false);
			String tokenId = text(root, "tokenId", false);
			String clientId = text(root, "clientId", false);
			String clientKey = text(root, "clientKey", false);
			if ((clientId == null) != (clientKey == null)) {
				throw new IllegalArgumentException("\"clientId\" and \"clientKey\" must both be present or both absent");
			}
			UUID id = clientId == null ? null : parseUuid(clientId);
			Path key = clientKey == null ? null : Path.of(clientKey);
			if (key != null && !key.isAbsolute()) {
				throw new IllegalArgumentException("\"clientKey\" must be an absolute path");
			}
			return new SealdropConfig(server, username, token, id, key, tokenId);
		}
		catch (IllegalArgumentException ex) {
			throw new ConfigException(file, ex.getMessage());
		}
	}

	private String text(JsonNode root, String field, boolean required) {
		JsonNode node = root.get(field);
		if (node == null) {
			if (required) {
				throw new IllegalArgumentException("missing \"" + field + "\"");
			}
			return null;
		}
		if (!node.isString()) {
			throw new IllegalArgumentException("\"" + field + "\" must be a string");
		}
		return node.stringValue();
	}

	private static UUID parseUuid(String text) {
		// UUID.fromString accepts short forms such as "1-2-3-4-5"; insist on the canonical one.
		if (!text.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")) {
			throw new IllegalArgumentException("\"clientId\" is not a lower-case UUID");
		}
		return UUID.fromString(text);
	}

	private static String printable(String text) {
		String cut = text.length() > 40 ? text.substring(0, 40) + "..." : text;
		return cut.replaceAll("[^\\x20-\\x7e]", "?");
	}

}
