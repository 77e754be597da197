package dev.sealdrop.format;

import java.nio.ByteBuffer;

/** The whole-file SHA-256, sealed under the digest key and bound to the header, length and chunk count (FORMAT.md §7). */
final class SealedDigest {

	static final int LENGTH = 32 + Gcm.TAG_LENGTH;

	private SealedDigest() {
	}

	static byte[] seal(byte[] digestKey, byte[] headerHash, long plaintextLength, long chunks, byte[] sha256) {
		return Gcm.seal(digestKey, new byte[Gcm.NONCE_LENGTH], aad(headerHash, plaintextLength, chunks), sha256, 0,
				sha256.length);
	}

	/** Returns the sealed SHA-256, or {@code null} if the digest does not open for this header, length and count. */
	static byte[] open(byte[] digestKey, byte[] headerHash, long plaintextLength, long chunks, byte[] sealed) {
		return Gcm.open(digestKey, new byte[Gcm.NONCE_LENGTH], aad(headerHash, plaintextLength, chunks), sealed, 0,
				sealed.length);
	}

	private static byte[] aad(byte[] headerHash, long plaintextLength, long chunks) {
		return ByteBuffer.allocate(headerHash.length + 16).put(headerHash).putLong(plaintextLength).putLong(chunks).array();
	}

}
