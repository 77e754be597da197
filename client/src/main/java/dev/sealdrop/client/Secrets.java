package dev.sealdrop.client;

import java.util.Arrays;

import javax.security.auth.DestroyFailedException;
import javax.security.auth.Destroyable;

/** Wiping passphrases and keys once a command no longer needs them. */
final class Secrets {

	private Secrets() {
	}

	static void wipe(char[] secret) {
		if (secret != null) {
			Arrays.fill(secret, '\0');
		}
	}

	static void wipe(byte[] secret) {
		if (secret != null) {
			Arrays.fill(secret, (byte) 0);
		}
	}

	static void destroy(Destroyable key) {
		if (key == null || key.isDestroyed()) {
			return;
		}
		try {
			key.destroy();
		}
		catch (DestroyFailedException ex) {
			// Not every key implementation can be wiped; the reference is dropped right after.
		}
	}

	/** Compares two secrets in time independent of where they differ. */
	static boolean equal(char[] a, char[] b) {
		if (a.length != b.length) {
			return false;
		}
		int difference = 0;
		for (int i = 0; i < a.length; i++) {
			difference |= a[i] ^ b[i];
		}
		return difference == 0;
	}

}
