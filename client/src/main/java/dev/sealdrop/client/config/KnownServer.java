package dev.sealdrop.client.config;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One line of {@code known_servers}: a server and the identity pinned for it.
 *
 * @param server the server base URL
 * @param identity {@code sha256:<hex>} of the DER certificate pinned for the server: the server's own
 *        (leaf) certificate when {@code kind} is {@link Kind#CERTIFICATE} (trust on first use), or the
 *        CA certificate that must have issued it when {@code kind} is {@link Kind#CA} ({@code --ca FILE})
 * @param encryptionKey {@code sha256:<hex>} of the server's encryption key (SPKI DER, FORMAT.md §3.2)
 * @param kind what {@code identity} pins
 */
public record KnownServer(ServerUrl server, String identity, String encryptionKey, Kind kind) {

	/** What the identity fingerprint of a pin is. */
	public enum Kind {
		/** The server's own certificate, pinned on first use. */
		CERTIFICATE,
		/** A CA certificate given with {@code --ca}; the server's certificate may change as long as this CA issued it. */
		CA
	}

	/** @throws IllegalArgumentException if a fingerprint is not {@code sha256:} and 64 lower-case hex digits */
	public KnownServer {
		Objects.requireNonNull(server, "server");
		Objects.requireNonNull(kind, "kind");
		checkFingerprint(identity, "identity");
		checkFingerprint(encryptionKey, "encryption key");
	}

	/** The {@code sha256:<64 hex>} fingerprint of DER bytes (a certificate or an SPKI). */
	public static String fingerprint(byte[] der) {
		try {
			return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this Java runtime", ex);
		}
	}

	static void checkFingerprint(String value, String what) {
		if (value == null || !value.matches("sha256:[0-9a-f]{64}")) {
			throw new IllegalArgumentException(what + " fingerprint must be sha256: followed by 64 lower-case hex digits");
		}
	}

	/** The {@code known_servers} line (without line break). */
	String toLine() {
		return server + " " + identity + " " + encryptionKey + (kind == Kind.CA ? " ca" : "");
	}

}
