package dev.sealdrop.client;

import java.io.FilterInputStream;
import java.io.InputStream;

/** Standard input for a library that closes what it is given: {@code close()} does not close the wrapped stream. */
final class NonClosingInputStream extends FilterInputStream {

	NonClosingInputStream(InputStream in) {
		super(in);
	}

	@Override
	public void close() {
		// System.in stays open: the process may still need it (passphrase prompts, later commands in tests).
	}

}
