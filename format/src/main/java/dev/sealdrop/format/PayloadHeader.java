package dev.sealdrop.format;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The payload header of FORMAT.md §6.1: the recipient-independent values every chunk authenticates
 * (chunk size, original size, salt, encrypted name). Its {@linkplain #encode() canonical text} is
 * what the chunks' additional data hashes, so it is also the form in which a server stores it next to
 * the sealed chunks. Immutable; accessors return copies.
 */
public final class PayloadHeader {

	static final int MIN_CHUNK_SIZE = 1 << 16;

	static final int MAX_CHUNK_SIZE = 1 << 24;

	static final long MAX_SIZE = (1L << 53) - 1;

	static final int SALT_LENGTH = 16;

	private static final Pattern TEXT = Pattern.compile("sealdrop-payload/1\n" + "chunk_size:(0|[1-9][0-9]{0,9})\n"
			+ "original_size:(unknown|0|[1-9][0-9]{0,15})\n" + "salt:([A-Za-z0-9+/=]{1,64})\n"
			+ "encrypted_name:([A-Za-z0-9+/=]{1,400})\n");

	private final int chunkSize;

	private final long originalSize;

	private final byte[] salt;

	private final byte[] encryptedName;

	private final String text;

	PayloadHeader(int chunkSize, long originalSize, byte[] salt, byte[] encryptedName) {
		if (chunkSize < MIN_CHUNK_SIZE || chunkSize > MAX_CHUNK_SIZE) {
			throw new IllegalArgumentException("chunk size must be 65536 .. 16777216");
		}
		if (originalSize < -1 || originalSize > MAX_SIZE) {
			throw new IllegalArgumentException("original size must be 0 .. 2^53-1, or -1 for unknown");
		}
		if (salt.length != SALT_LENGTH || encryptedName.length != FileName.SEALED) {
			throw new IllegalArgumentException("salt must be 16 bytes and the encrypted name 272");
		}
		this.chunkSize = chunkSize;
		this.originalSize = originalSize;
		this.salt = salt.clone();
		this.encryptedName = encryptedName.clone();
		this.text = "sealdrop-payload/1\n" + "chunk_size:" + chunkSize + "\n" + "original_size:"
				+ ((originalSize < 0) ? "unknown" : Long.toString(originalSize)) + "\n" + "salt:"
				+ Base64Strict.encode(salt) + "\n" + "encrypted_name:" + Base64Strict.encode(encryptedName) + "\n";
	}

	/** Plaintext bytes per chunk. */
	public int chunkSize() {
		return this.chunkSize;
	}

	/** Plaintext length, or -1 when the writer did not know it in advance. */
	public long originalSize() {
		return this.originalSize;
	}

	public byte[] salt() {
		return this.salt.clone();
	}

	/** The 272-byte sealed file name. */
	public byte[] encryptedName() {
		return this.encryptedName.clone();
	}

	/** {@code header_hash}: SHA-256 of the canonical text. */
	public byte[] hash() {
		try {
			return MessageDigest.getInstance("SHA-256").digest(this.text.getBytes(StandardCharsets.US_ASCII));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The canonical text of §6.1 (five lines, each ending in {@code \n}). */
	public String encode() {
		return this.text;
	}

	/** Number of chunks the original size implies ({@code max(1, ceil(size / chunk_size))}), or -1 when unknown. */
	long totalChunks() {
		return (this.originalSize < 0) ? -1 : chunksFor(this.originalSize, this.chunkSize);
	}

	static long chunksFor(long size, int chunkSize) {
		return Math.max(1, (size + chunkSize - 1) / chunkSize);
	}

	/**
	 * Parses the canonical text. Anything else (other spacing, leading zeros, non-canonical base64,
	 * values out of range) is rejected, so one header has exactly one encoding.
	 */
	public static PayloadHeader decode(String text) throws MalformedArchiveException {
		Matcher m = (text != null) ? TEXT.matcher(text) : null;
		if (m == null || !m.matches()) {
			throw new MalformedArchiveException("payload header: not the canonical sealdrop-payload/1 text");
		}
		try {
			long chunkSize = Long.parseLong(m.group(1));
			long originalSize = "unknown".equals(m.group(2)) ? -1 : Long.parseLong(m.group(2));
			if (chunkSize > MAX_CHUNK_SIZE) {
				throw new IllegalArgumentException("chunk size out of range");
			}
			PayloadHeader header = new PayloadHeader((int) chunkSize, originalSize, Base64Strict.decode(m.group(3)),
					Base64Strict.decode(m.group(4)));
			if (!header.text.equals(text)) {
				throw new IllegalArgumentException("not canonical");
			}
			return header;
		}
		catch (IllegalArgumentException ex) {
			throw new MalformedArchiveException("payload header: " + ex.getMessage());
		}
	}

	@Override
	public boolean equals(Object other) {
		return (other instanceof PayloadHeader that) && this.text.equals(that.text);
	}

	@Override
	public int hashCode() {
		return this.text.hashCode();
	}

	@Override
	public String toString() {
		return "PayloadHeader[chunkSize=" + this.chunkSize + ", originalSize=" + this.originalSize + "]";
	}

}
