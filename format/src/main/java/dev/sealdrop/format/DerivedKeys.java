package dev.sealdrop.format;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** The single-archive keys of FORMAT.md §5.2, derived from the file key and the payload salt. */
final class DerivedKeys {

	private final byte[] payloadKey;

	private final byte[] nameKey;

	private final byte[] digestKey;

	private DerivedKeys(byte[] payloadKey, byte[] nameKey, byte[] digestKey) {
		this.payloadKey = payloadKey;
		this.nameKey = nameKey;
		this.digestKey = digestKey;
	}

	static DerivedKeys derive(FileKey fileKey, byte[] salt) {
		byte[] ikm = fileKey.bytes();
		try {
			return new DerivedKeys(expand(ikm, salt, "sealdrop/v1 payload"), expand(ikm, salt, "sealdrop/v1 name"),
					expand(ikm, salt, "sealdrop/v1 digest"));
		}
		finally {
			Arrays.fill(ikm, (byte) 0);
		}
	}

	private static byte[] expand(byte[] ikm, byte[] salt, String label) {
		return Hkdf.sha256(ikm, salt, label.getBytes(StandardCharsets.US_ASCII), 32);
	}

	byte[] payloadKey() {
		return payloadKey;
	}

	byte[] nameKey() {
		return nameKey;
	}

	byte[] digestKey() {
		return digestKey;
	}

}
