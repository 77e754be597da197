package dev.sealdrop.format;

/**
 * What {@link Sealdrop#encrypt} needs besides the recipients: the file name (stored encrypted; 0 to
 * 255 bytes of UTF-8 without NUL, {@code /} or {@code \}), the plaintext length in bytes or -1 when
 * it is not known in advance (FORMAT.md §8), and the chunk size (65 536 .. 16 777 216).
 *
 * @throws IllegalArgumentException from the constructor if a value breaks these rules
 */
public record EncryptOptions(String name, long size, int chunkSize) {

	public static final int DEFAULT_CHUNK_SIZE = 1 << 20;

	public EncryptOptions {
		FileName.validate(name);
		if (size < -1 || size > PayloadHeader.MAX_SIZE) {
			throw new IllegalArgumentException("size must be 0 .. 2^53-1, or -1 for unknown");
		}
		if (chunkSize < PayloadHeader.MIN_CHUNK_SIZE || chunkSize > PayloadHeader.MAX_CHUNK_SIZE) {
			throw new IllegalArgumentException("chunk size must be 65536 .. 16777216");
		}
	}

	/** Options with the default chunk size of 1 MiB. */
	public static EncryptOptions of(String name, long size) {
		return new EncryptOptions(name, size, DEFAULT_CHUNK_SIZE);
	}

}
