package dev.sealdrop.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;

/** Copying with a buffer sized for chunked crypto (the JDK's transferTo uses 8 KiB). */
final class Streams {

	private static final int BUFFER_BYTES = 64 * 1024;

	private Streams() {
	}

	static long copy(InputStream in, OutputStream out) throws IOException {
		byte[] buffer = new byte[BUFFER_BYTES];
		long total = 0;
		try {
			for (int n; (n = in.read(buffer)) != -1;) {
				out.write(buffer, 0, n);
				total += n;
			}
			return total;
		}
		finally {
			// The buffer held plaintext; don't leave it for the garbage collector to hand out.
			Arrays.fill(buffer, (byte) 0);
		}
	}

	/** "1.5 MiB" style, for summaries. */
	static String humanBytes(long bytes) {
		if (bytes < 1024) {
			return bytes + " B";
		}
		String[] units = { "KiB", "MiB", "GiB", "TiB" };
		double value = bytes;
		int unit = -1;
		while (value >= 1024 && unit < units.length - 1) {
			value /= 1024;
			unit++;
		}
		return String.format(java.util.Locale.ROOT, "%.1f %s", value, units[unit]);
	}

}
