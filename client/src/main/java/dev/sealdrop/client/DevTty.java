package dev.sealdrop.client;

import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * Asks for a secret on the controlling terminal ({@code /dev/tty}) when {@link System#console()} is
 * unavailable because standard input or output is redirected, as in
 * {@code curl ... | sealdrop decrypt -i key.pem -o - - | less}: the archive and the plaintext use the
 * pipes, the passphrase still comes from the person at the terminal. Echo is turned off with
 * {@code stty} for the duration. POSIX only; elsewhere, or without a controlling terminal, there is
 * no answer.
 */
final class DevTty {

	private static final File TTY = new File("/dev/tty");

	private DevTty() {
	}

	/** The secret typed, an empty array if nothing was, or {@code null} if there is no terminal. */
	static char[] readSecret(String prompt) {
		if (!TTY.exists()) {
			return null;
		}
		Charset charset = Charset.defaultCharset();
		try (FileOutputStream out = new FileOutputStream(TTY); FileInputStream in = new FileInputStream(TTY)) {
			out.write(prompt.getBytes(charset));
			out.flush();
			if (!stty("-echo")) {
				// Without a way to hide the input, do not ask: the secret would appear on the screen.
				out.write(System.lineSeparator().getBytes(charset));
				return null;
			}
			try {
				return readLine(new InputStreamReader(in, charset));
			}
			finally {
				stty("echo");
				out.write(System.lineSeparator().getBytes(charset));
			}
		}
		catch (IOException ex) {
			return null; // no controlling terminal (ENXIO), e.g. under cron or in a container without a tty
		}
	}

	private static char[] readLine(Reader reader) throws IOException {
		char[] line = new char[64];
		int length = 0;
		for (int c; (c = reader.read()) != -1 && c != '\n';) {
			if (c == '\r') {
				continue;
			}
			if (length == line.length) {
				char[] longer = Arrays.copyOf(line, line.length * 2);
				Arrays.fill(line, '\0');
				line = longer;
			}
			line[length++] = (char) c;
		}
		char[] result = Arrays.copyOf(line, length);
		Arrays.fill(line, '\0');
		return result;
	}

	private static boolean stty(String setting) {
		try {
			Process stty = new ProcessBuilder("stty", setting).redirectInput(TTY)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.redirectError(ProcessBuilder.Redirect.DISCARD)
				.start();
			return stty.waitFor(5, TimeUnit.SECONDS) && stty.exitValue() == 0;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
