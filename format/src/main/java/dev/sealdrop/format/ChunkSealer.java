package dev.sealdrop.format;

/**
 * The STREAM construction of FORMAT.md §6.2: chunk {@code i} is sealed under the payload key with the
 * nonce {@code u88be(i) || last} and the header hash as additional data, so a chunk only opens at its
 * own position, in its own archive, with the right end-of-stream flag.
 */
final class ChunkSealer {

	/** Counters run from 0 to 2^32 - 1 in v1. */
	static final long MAX_CHUNKS = 1L << 32;

	private final Gcm gcm;

	/** Chunks of one stream, sealed or opened one at a time (not thread-safe). */
	ChunkSealer(byte[] payloadKey, byte[] headerHash) {
		this.gcm = new Gcm(payloadKey, headerHash);
	}

	byte[] seal(long index, boolean last, byte[] plaintext, int off, int len) {
		byte[] sealed = new byte[len + Gcm.TAG_LENGTH];
		seal(index, last, plaintext, off, len, sealed, 0);
		return sealed;
	}

	/** Seals into {@code out} at {@code outOff}; returns the sealed length ({@code len + 16}). */
	int seal(long index, boolean last, byte[] plaintext, int off, int len, byte[] out, int outOff) {
		return this.gcm.seal(nonce(index, last), plaintext, off, len, out, outOff);
	}

	/** Returns the chunk's plaintext, or {@code null} if it does not open at this position. */
	byte[] open(long index, boolean last, byte[] sealed, int off, int len) {
		if (len < Gcm.TAG_LENGTH) {
			return null;
		}
		byte[] plaintext = new byte[len - Gcm.TAG_LENGTH];
		return (open(index, last, sealed, off, len, plaintext, 0) < 0) ? null : plaintext;
	}

	/**
	 * Opens into {@code out} at {@code outOff}; returns the plaintext length, or -1 if the chunk does
	 * not open at this position (then the output range is zeros).
	 */
	int open(long index, boolean last, byte[] sealed, int off, int len, byte[] out, int outOff) {
		return this.gcm.open(nonce(index, last), sealed, off, len, out, outOff);
	}

	static byte[] nonce(long index, boolean last) {
		if (index < 0 || index >= MAX_CHUNKS) {
			throw new IllegalArgumentException("chunk counter out of range");
		}
		byte[] nonce = new byte[Gcm.NONCE_LENGTH];
		for (int i = 0; i < 8; i++) {
			nonce[10 - i] = (byte) (index >>> (8 * i));
		}
		nonce[11] = (byte) (last ? 1 : 0);
		return nonce;
	}

}
