package dev.sealdrop.format;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The file name rules and the encrypted name of FORMAT.md §5.3: 0 to 255 bytes of UTF-8 without
 * NUL, {@code /} or {@code \}, zero-padded to 256 bytes and sealed under the single-use name key.
 */
final class FileName {

	static final int MAX_BYTES = 255;

	static final int PADDED = 256;

	static final int SEALED = PADDED + Gcm.TAG_LENGTH;

	private FileName() {
	}

	/** @throws IllegalArgumentException if the name breaks the rules of §5.3 */
	static byte[] validate(String name) {
		if (name == null) {
			throw new IllegalArgumentException("file name is required (it may be empty)");
		}
		try {
			// getBytes would silently replace an unpaired surrogate; the encoder reports it
			StandardCharsets.UTF_8.newEncoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.encode(java.nio.CharBuffer.wrap(name));
		}
		catch (CharacterCodingException ex) {
			throw new IllegalArgumentException("file name is not valid Unicode");
		}
		byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
		checkBytes(utf8);
		return utf8;
	}

	private static void checkBytes(byte[] utf8) {
		if (utf8.length > MAX_BYTES) {
			throw new IllegalArgumentException("file name is longer than 255 bytes of UTF-8");
		}
		for (byte b : utf8) {
			if (b == 0 || b == '/' || b == '\\') {
				throw new IllegalArgumentException("file name contains NUL, '/' or '\\'");
			}
		}
	}

	static byte[] seal(byte[] nameKey, String name) {
		byte[] padded = Arrays.copyOf(validate(name), PADDED);
		return Gcm.seal(nameKey, new byte[Gcm.NONCE_LENGTH], new byte[0], padded, 0, padded.length);
	}

	static String open(byte[] nameKey, byte[] sealed) throws SealdropException {
		byte[] padded = Gcm.open(nameKey, new byte[Gcm.NONCE_LENGTH], new byte[0], sealed, 0, sealed.length);
		if (padded == null || padded.length != PADDED) {
			throw new IntegrityException("encrypted_name: authentication failed");
		}
		int end = 0;
		while (end < PADDED && padded[end] != 0) {
			end++;
		}
		for (int i = end; i < PADDED; i++) {
			if (padded[i] != 0) {
				throw new MalformedArchiveException("encrypted_name: padding is not all zero");
			}
		}
		byte[] utf8 = Arrays.copyOf(padded, end);
		try {
			checkBytes(utf8);
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(utf8))
				.toString();
		}
		catch (IllegalArgumentException | CharacterCodingException ex) {
			throw new MalformedArchiveException("encrypted_name: the name is not a valid file name");
		}
	}

}
