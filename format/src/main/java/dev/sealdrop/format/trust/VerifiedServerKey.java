package dev.sealdrop.format.trust;

import java.security.cert.X509Certificate;

import dev.sealdrop.format.Fingerprint;
import dev.sealdrop.format.Recipient;

/**
 * An encryption key whose authenticity {@link ServerTrustVerifier} has established.
 *
 * @param key the server's encryption key, as offered and as the signed statement names it
 * @param statement the verified statement about it (validity window, status)
 * @param signingCertificate the leaf certificate whose key signed the statement; challenge answers must verify with it
 * @param anchorFingerprint the key fingerprint of the certificate the chain was validated to: what a
 * trust-on-first-use client stores and pins from now on
 */
public record VerifiedServerKey(Recipient key, KeyStatement statement, X509Certificate signingCertificate,
		Fingerprint anchorFingerprint) {

	/** The key fingerprint of {@link #signingCertificate()}, which challenge messages bind. */
	public Fingerprint signerFingerprint() {
		return Certificates.keyFingerprint(this.signingCertificate);
	}

}
