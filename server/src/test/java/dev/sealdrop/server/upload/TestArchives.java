package dev.sealdrop.server.upload;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Random;

import dev.sealdrop.format.EncryptOptions;
import dev.sealdrop.format.Recipient;
import dev.sealdrop.format.Sealdrop;

/** Archives for server tests, made with the format library's writer. */
public final class TestArchives {

	private TestArchives() {
	}

	/** A v1 archive of {@code content} named {@code name}, with the given chunk size. */
	public static byte[] v1(Recipient to, String name, byte[] content, int chunkSize) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (OutputStream out = Sealdrop.encrypt(bytes, new EncryptOptions(name, content.length, chunkSize),
				List.of(to))) {
			out.write(content);
		}
		return bytes.toByteArray();
	}

	public static byte[] v1(Recipient to, String name, byte[] content) throws IOException {
		return v1(to, name, content, 64 * 1024);
	}

	/** Deterministic pseudo-random content (no security meaning). */
	public static byte[] content(int length, long seed) {
		byte[] b = new byte[length];
		new Random(seed).nextBytes(b);
		return b;
	}

}
