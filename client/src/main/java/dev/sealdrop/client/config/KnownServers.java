package dev.sealdrop.client.config;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code known_servers} file, like ssh's {@code known_hosts}: one pinned server per line,
 * <pre>&lt;server URL&gt; &lt;identity fingerprint&gt; &lt;encryption key fingerprint&gt; [ca]</pre>
 * separated by single spaces; {@code #} comment lines and blank lines are allowed. Any other line, a
 * non-canonical URL or a server listed twice makes {@link #load} fail naming the line: a pin file we
 * cannot fully read must not be half-trusted.
 *
 * <p>In-memory changes ({@link #pin}, {@link #replace}, {@link #remove}) reach the disk only on
 * {@link #save()} (atomic, 0600). Not safe for concurrent use by several threads.
 *
 * <p>Checking a server ({@link #check}) compares fingerprints only. The caller must already have
 * verified what they stand for: the certificate chain (leaf issued by the CA), the signed key
 * statement and a fresh challenge signature.
 */
public final class KnownServers {

	private static final int MAX_BYTES = 1024 * 1024;

	private static final String HEADER = "# sealdrop known servers: <server URL> <identity key fingerprint> <encryption key fingerprint> [ca]\n";

	/** The result of a successful {@link #check}. */
	public enum Verdict {
		/** No pin for this server yet: trust on first use is the caller's decision. */
		UNKNOWN,
		/** Everything matches the pin. */
		MATCH,
		/**
		 * CA pins only: the pinned CA vouches for the server but the encryption key differs from the
		 * one last seen (a rotation); the caller should {@link #replace} to record the new key.
		 */
		KEY_ROTATED
	}

	private final Path file;

	private final Map<ServerUrl, KnownServer> entries;

	private KnownServers(Path file, Map<ServerUrl, KnownServer> entries) {
		this.file = file;
		this.entries = entries;
	}

	/**
	 * Reads {@code file}; a missing file is an empty list.
	 * @throws ConfigException naming the line if the file is malformed
	 */
	public static KnownServers load(Path file) throws IOException {
		Objects.requireNonNull(file, "file");
		byte[] bytes;
		try (InputStream in = Files.newInputStream(file)) {
			bytes = in.readNBytes(MAX_BYTES + 1);
		}
		catch (NoSuchFileException ex) {
			return new KnownServers(file, new LinkedHashMap<>());
		}
		if (bytes.length > MAX_BYTES) {
			throw new ConfigException(file, "larger than " + MAX_BYTES + " bytes");
		}
		// pins are public, but whoever can write them can make this client trust another server
		if (PrivateFiles.isWritableByOthers(file)) {
			throw new ConfigException(file, "writable by other users, who could replace the server pins; check it, then chmod 600 it");
		}
		return new KnownServers(file, parse(file, bytes));
	}

	/** The pin for {@code server}, if any. */
	public Optional<KnownServer> lookup(ServerUrl server) {
		return Optional.ofNullable(entries.get(server));
	}

	/** All pins, in file order. */
	public List<KnownServer> entries() {
		return List.copyOf(entries.values());
	}

	/**
	 * Compares what a server presented with its pin.
	 * @param server the server
	 * @param certificate fingerprint of the server's (leaf) certificate
	 * @param issuingCa fingerprint of the CA certificate that the chain was verified against
	 * @param encryptionKey fingerprint of the server's current encryption key
	 * @return {@link Verdict#UNKNOWN} if there is no pin, {@link Verdict#MATCH}, or
	 * {@link Verdict#KEY_ROTATED} (CA pins only)
	 * @throws PinMismatchException if the pinned certificate, CA, or (certificate pins) key differs
	 */
	public Verdict check(ServerUrl server, String certificate, String issuingCa, String encryptionKey)
			throws PinMismatchException {
		KnownServer pin = entries.get(server);
		if (pin == null) {
			return Verdict.UNKNOWN;
		}
		if (pin.kind() == KnownServer.Kind.CA) {
			if (!pin.identity().equals(issuingCa)) {
				throw new PinMismatchException(server, "CA", pin.identity(), issuingCa);
			}
			return pin.encryptionKey().equals(encryptionKey) ? Verdict.MATCH : Verdict.KEY_ROTATED;
		}
		if (!pin.identity().equals(certificate)) {
			throw new PinMismatchException(server, "certificate", pin.identity(), certificate);
		}
		if (!pin.encryptionKey().equals(encryptionKey)) {
			throw new PinMismatchException(server, "encryption key", pin.encryptionKey(), encryptionKey);
		}
		return Verdict.MATCH;
	}

	/**
	 * Adds a pin for a server that has none (trust on first use).
	 * @throws IllegalStateException if the server is already pinned: changing a pin is
	 * {@link #replace}, an explicit user decision
	 */
	public void pin(KnownServer server) {
		if (entries.containsKey(server.server())) {
			throw new IllegalStateException(server.server() + " is already in known_servers");
		}
		entries.put(server.server(), server);
	}

	/** Adds or overwrites the pin for a server ({@code server-key --trust}, {@code --ca}, a CA-vouched key rotation). */
	public void replace(KnownServer server) {
		entries.put(server.server(), server);
	}

	/** Removes the pin for {@code server}; true if there was one. */
	public boolean remove(ServerUrl server) {
		return entries.remove(server) != null;
	}

	/** Writes the pins to the file atomically (0600, folder 0700). */
	public void save() throws IOException {
		StringBuilder text = new StringBuilder(HEADER);
		for (KnownServer entry : entries.values()) {
			text.append(entry.toLine()).append('\n');
		}
		PrivateFiles.writeAtomically(file, text.toString().getBytes(StandardCharsets.US_ASCII));
	}

	/** The file these pins come from and are saved to. */
	public Path file() {
		return file;
	}

	static Map<ServerUrl, KnownServer> parse(Path file, byte[] bytes) throws ConfigException {
		String text;
		try {
			text = StandardCharsets.US_ASCII.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(java.nio.ByteBuffer.wrap(bytes))
				.toString();
		}
		catch (CharacterCodingException ex) {
			throw new ConfigException(file, "contains non-ASCII bytes");
		}
		Map<ServerUrl, KnownServer> entries = new LinkedHashMap<>();
		List<String> lines = new ArrayList<>();
		try (BufferedReader reader = new BufferedReader(new StringReader(text))) {
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				lines.add(line);
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		for (int i = 0; i < lines.size(); i++) {
			String line = lines.get(i);
			if (line.isEmpty() || line.startsWith("#")) {
				continue;
			}
			KnownServer entry = parseLine(file, i + 1, line);
			if (entries.putIfAbsent(entry.server(), entry) != null) {
				throw new ConfigException(file, "line " + (i + 1) + ": " + entry.server() + " is listed twice");
			}
		}
		return entries;
	}

	private static KnownServer parseLine(Path file, int number, String line) throws ConfigException {
		String where = "line " + number + ": ";
		for (int i = 0; i < line.length(); i++) {
			char c = line.charAt(i);
			if (c < 0x20 || c == 0x7f) {
				throw new ConfigException(file, where + "contains a control character (tabs are not allowed; use single spaces)");
			}
		}
		String[] fields = line.split(" ", -1);
		if (fields.length != 3 && fields.length != 4) {
			throw new ConfigException(file, where + "expected <server URL> <fingerprint> <key fingerprint> [ca] separated by single spaces");
		}
		KnownServer.Kind kind = KnownServer.Kind.CERTIFICATE;
		if (fields.length == 4) {
			if (!fields[3].equals("ca")) {
				throw new ConfigException(file, where + "the fourth field may only be \"ca\"");
			}
			kind = KnownServer.Kind.CA;
		}
		try {
			ServerUrl server = ServerUrl.parse(fields[0]);
			if (!server.toString().equals(fields[0])) {
				throw new IllegalArgumentException("server URL is not in canonical form (expected " + server + ")");
			}
			return new KnownServer(server, fields[1], fields[2], kind);
		}
		catch (IllegalArgumentException ex) {
			throw new ConfigException(file, where + ex.getMessage());
		}
	}

}
