package dev.sealdrop.server.identity;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

import dev.sealdrop.format.Fingerprint;
import dev.sealdrop.format.trust.Certificates;

/**
 * The loaded signing identity: the certificate chain (signing certificate first, the certificate
 * clients pin last) and the signing private key, which never leaves this package.
 */
public final class ServerIdentity {

	private final List<X509Certificate> chain;

	private final PrivateKey signingKey;

	ServerIdentity(List<X509Certificate> chain, PrivateKey signingKey) {
		if (chain.isEmpty()) {
			throw new IllegalArgumentException("a certificate chain holds at least the signing certificate");
		}
		this.chain = List.copyOf(chain);
		this.signingKey = signingKey;
	}

	/** Leaf first. */
	public List<X509Certificate> chain() {
		return this.chain;
	}

	/** Each certificate of {@link #chain()} as its own PEM block, leaf first. */
	public List<String> chainPem() {
		return this.chain.stream().map(Certificates::toPem).toList();
	}

	public X509Certificate signingCertificate() {
		return this.chain.get(0);
	}

	/**
	 * The certificate clients pin: the local CA, or the last certificate of an operator's chain (its
	 * root or the highest intermediate the operator chose to send).
	 */
	public X509Certificate caCertificate() {
		return this.chain.get(this.chain.size() - 1);
	}

	public Fingerprint signerFingerprint() {
		return Certificates.keyFingerprint(signingCertificate());
	}

	PrivateKey signingKey() {
		return this.signingKey;
	}

	@Override
	public String toString() {
		return "ServerIdentity[signer=" + signerFingerprint() + "]";
	}

}
