package dev.sealdrop.format;

import java.security.Provider;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * One Bouncy Castle provider instance for the few JCA operations the JDK lacks (PBES2 key file
 * encryption with the OpenSSL-compatible parameters). It is passed explicitly and never
 * registered, so sealdrop does not change the JVM's global provider list.
 */
final class BouncyCastle {

	private BouncyCastle() {
	}

	static Provider provider() {
		return Holder.PROVIDER;
	}

	private static final class Holder {

		// Built lazily: constructing the provider takes a noticeable fraction of a second.
		static final Provider PROVIDER = new BouncyCastleProvider();

	}

}
