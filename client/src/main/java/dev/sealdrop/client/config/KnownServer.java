package dev.sealdrop.client.config;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One line of {@code known_servers}: a server and the identity pinned for it.
 *
 * @param server the server base URL
 * @param identity {@code sha256:<hex>} key fingerprint (SHA-256 of the SubjectPublicKeyInfo, PROTOCOL.md
 *        §1.1) of the certificate the server's chain is validated to: on first use the chain's last
 *        certificate ({@link Kind#CERTIFICATE}), or the CA certificate given with {@code --ca FILE}
 *        ({@link Kind#CA})
 * @param encryptionKey {@code sha256:<hex>} of the server's encryption key (SPKI DER, FORMAT.md §3.2)
 * @param kind what {@code identity} pins
 */
public record KnownServer(ServerUrl server, String identity, String encryptionKey, Kind kind) {

	/** What the identity fingerprint of a pin is. */
	public enum Kind {
		/** The chain's last certificate (an embedded server's local CA), pinned on first use; the key is pinned too. */
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
