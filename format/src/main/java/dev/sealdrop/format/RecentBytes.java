package dev.sealdrop.format;

/**
 * The last {@link #CAPACITY} bytes that passed through a stream, with their offsets in it: enough to
 * look again at a ZIP header Commons Compress has just parsed (it reads at most 512 bytes ahead).
 */
final class RecentBytes {

	static final int CAPACITY = 4096;

	private final byte[] ring = new byte[CAPACITY];

	/** Bytes seen so far: the offset of the next one. */
	private long position;

	long position() {
		return this.position;
	}

	void add(int b) {
		this.ring[(int) (this.position % CAPACITY)] = (byte) b;
		this.position++;
	}

	void add(byte[] b, int off, int n) {
		int keep = Math.min(n, CAPACITY);
		long at = this.position + n - keep;
		int from = off + n - keep;
		while (keep > 0) {
			int slot = (int) (at % CAPACITY);
			int run = Math.min(keep, CAPACITY - slot);
			System.arraycopy(b, from, this.ring, slot, run);
			at += run;
			from += run;
			keep -= run;
		}
		this.position += n;
	}

	/** True if bytes {@code from} to {@code from + expected.length - 1} were seen, are kept, and equal {@code expected}. */
	boolean matches(long from, byte[] expected) {
		if (from < this.position - CAPACITY || from + expected.length > this.position) {
			return false;
		}
		for (int i = 0; i < expected.length; i++) {
			if (this.ring[(int) ((from + i) % CAPACITY)] != expected[i]) {
				return false;
			}
		}
		return true;
	}

	/** The byte at offset {@code at}, or -1 if it was not seen or is no longer kept. */
	int byteAt(long at) {
		if (at < this.position - CAPACITY || at >= this.position) {
			return -1;
		}
		return this.ring[(int) (at % CAPACITY)] & 0xFF;
	}

}
