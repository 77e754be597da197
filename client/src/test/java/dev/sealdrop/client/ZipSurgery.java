package dev.sealdrop.client;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Edits a STORED entry of a ZIP archive in memory the way an attacker would: changes data and
 * recomputes the local header's CRC-32, so that only the cryptographic checks can notice.
 */
final class ZipSurgery {

	private ZipSurgery() {
	}

	/** Flips one bit of the entry's data at {@code offset} and fixes the CRC in its local header. */
	static byte[] flipBit(byte[] zip, String entryName, int offset) {
		byte[] copy = zip.clone();
		ByteBuffer buffer = ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN);
		int header = findLocalHeader(copy, entryName);
		int nameLength = buffer.getShort(header + 26) & 0xffff;
		int extraLength = buffer.getShort(header + 28) & 0xffff;
		int size = buffer.getInt(header + 18);
		int data = header + 30 + nameLength + extraLength;
		if (offset >= size) {
			throw new IllegalArgumentException("offset beyond the entry");
		}
		copy[data + offset] ^= 0x01;
		CRC32 crc = new CRC32();
		crc.update(copy, data, size);
		buffer.putInt(header + 14, (int) crc.getValue());
		return copy;
	}

	/** The offset where the named entry's local header starts. */
	static int findLocalHeader(byte[] zip, String entryName) {
		byte[] name = entryName.getBytes(StandardCharsets.UTF_8);
		ByteBuffer buffer = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
		for (int i = 0; i + 30 + name.length <= zip.length; i++) {
			if (buffer.getInt(i) == 0x04034b50 && (buffer.getShort(i + 26) & 0xffff) == name.length
					&& java.util.Arrays.equals(zip, i + 30, i + 30 + name.length, name, 0, name.length)) {
				return i;
			}
		}
		throw new IllegalArgumentException("no entry " + entryName);
	}

}
