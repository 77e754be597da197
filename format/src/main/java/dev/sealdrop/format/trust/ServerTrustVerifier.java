package dev.sealdrop.format.trust;

import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import dev.sealdrop.format.Fingerprint;
import dev.sealdrop.format.InvalidKeyException;
import dev.sealdrop.format.Recipient;
import dev.sealdrop.format.trust.TrustException.Reason;

/**
 * The client's check that an encryption key offered by a server is vouched for by the server's
 * signing identity, and that identity by the certificate the client pinned.
 * <p>Two ways to pin:
 * <ul>
 * <li>{@link #pinningCertificate}: the CA certificate the client downloaded and checked out of band
 * (an embedded server's local CA), or an operator's CA or intermediate.</li>
 * <li>{@link #pinningKey}: the key fingerprint of one certificate of the chain, as a
 * trust-on-first-use client stored it from {@link VerifiedServerKey#anchorFingerprint()} on first
 * contact. Pinning the leaf's key is the choice for an operator whose chain ends in a public CA:
 * pinning a public CA would accept any certificate that CA ever issued.</li>
 * </ul>
 * For the first contact without a pin there is {@link #firstUse}.
 * <p>The chain below the anchor is validated with the JDK's PKIX {@link CertPathValidator} at this
 * verifier's clock, revocation checking off (the local CA publishes no revocation; a compromised
 * signing key is handled by re-pinning). The anchor's own validity period is checked too, which
 * PKIX leaves out. Host names are not checked: the pin identifies the server. Instances are
 * immutable and thread-safe.
 */
public final class ServerTrustVerifier {

	private final X509Certificate pinnedCertificate;

	private final Fingerprint pinnedKey;

	private final Clock clock;

	private ServerTrustVerifier(X509Certificate pinnedCertificate, Fingerprint pinnedKey, Clock clock) {
		this.pinnedCertificate = pinnedCertificate;
		this.pinnedKey = pinnedKey;
		this.clock = Objects.requireNonNull(clock, "clock");
	}

	/**
	 * Trust on first use: takes the last certificate of the presented chain as the anchor and
	 * otherwise checks everything as usual. Use it only on first contact with a server, after showing
	 * the user {@link VerifiedServerKey#anchorFingerprint()} to compare; then store that fingerprint
	 * and use {@link #pinningKey} from then on. It proves the server is consistent, not who it is.
	 */
	public static ServerTrustVerifier firstUse(Clock clock) {
		return new ServerTrustVerifier(null, null, clock);
	}

	/** Trusts chains that lead to {@code anchor} (a CA certificate, or the signing certificate itself). */
	public static ServerTrustVerifier pinningCertificate(X509Certificate anchor, Clock clock) {
		return new ServerTrustVerifier(Objects.requireNonNull(anchor, "anchor"), null, clock);
	}

	/**
	 * Trusts chains that contain a certificate whose key has fingerprint {@code pinned}
	 * ({@link Certificates#keyFingerprint}); the chain is validated up to that certificate.
	 */
	public static ServerTrustVerifier pinningKey(Fingerprint pinned, Clock clock) {
		return new ServerTrustVerifier(null, Objects.requireNonNull(pinned, "pinned"), clock);
	}

	/**
	 * Verifies that {@code offered} is the server's authentic, current encryption key.
	 * <p>Checks, in order: the chain leads to the pin (UNTRUSTED_CHAIN) and every certificate is
	 * valid now (EXPIRED); the leaf is an end-entity certificate with a P-384 key and KeyUsage
	 * digitalSignature (UNTRUSTED_CHAIN); the statement's signature verifies with the leaf's key
	 * (BAD_SIGNATURE; MALFORMED if it is not canonical); the statement names {@code offered}
	 * (KEY_MISMATCH), is current (RETIRED_KEY) and valid now (EXPIRED).
	 * @param chain the server's certificate chain, leaf first, as published with its key
	 * @param statement the signed statement published with the key
	 * @param offered the encryption key the server offers
	 * @throws TrustException with the reason of the first failed check
	 */
	public VerifiedServerKey verify(List<X509Certificate> chain, SignedKeyStatement statement, Recipient offered)
			throws TrustException {
		Objects.requireNonNull(statement, "statement");
		Objects.requireNonNull(offered, "offered");
		if (chain == null || chain.isEmpty() || chain.size() > Certificates.MAX_CHAIN_LENGTH) {
			throw Text.malformed("the certificate chain must hold 1 to " + Certificates.MAX_CHAIN_LENGTH + " certificates");
		}
		Instant now = this.clock.instant();
		X509Certificate anchor = validateChain(chain, now);
		X509Certificate leaf = chain.get(0);
		checkSigningCertificate(leaf);
		KeyStatement verified = statement.verify(leaf.getPublicKey());
		if (!verified.key().equals(offered)) {
			throw new TrustException(Reason.KEY_MISMATCH,
					"the signed statement is for key " + verified.fingerprint() + ", not for the offered key " + offered.fingerprint());
		}
		if (verified.status() != KeyStatement.Status.CURRENT) {
			throw new TrustException(Reason.RETIRED_KEY, "the server's statement says key " + verified.kid() + " is retired");
		}
		if (!verified.isValidAt(now)) {
			throw new TrustException(Reason.EXPIRED, "the key statement for " + verified.kid() + " is valid from "
					+ Text.time(verified.notBefore()) + " until " + Text.time(verified.notAfter()) + ", not now");
		}
		return new VerifiedServerKey(verified.key(), verified, leaf, Certificates.keyFingerprint(anchor));
	}

	/**
	 * Verifies a challenge answer against a key this verifier accepted, at this verifier's clock.
	 * @param nonce the nonce the client sent
	 * @param maxSkew the clock difference tolerated, e.g. {@link ChallengeResponse#DEFAULT_MAX_SKEW}
	 * @throws TrustException see {@link ChallengeResponse#verify}
	 */
	public void verifyChallenge(VerifiedServerKey server, String nonce, ChallengeResponse response, Duration maxSkew)
			throws TrustException {
		response.verify(nonce, server.key().fingerprint(), server.signingCertificate(), this.clock, maxSkew);
	}

	/** Returns the anchor the chain was validated to. */
	private X509Certificate validateChain(List<X509Certificate> chain, Instant now) throws TrustException {
		int anchorIndex = anchorIndex(chain);
		X509Certificate anchor = (this.pinnedCertificate != null) ? this.pinnedCertificate : chain.get(anchorIndex);
		// The path is what lies below the anchor; a chain that does not contain the pinned
		// certificate is validated whole and must then be issued by it.
		List<X509Certificate> path = chain.subList(0, (anchorIndex >= 0) ? anchorIndex : chain.size());
		checkValidity(anchor, now);
		if (path.isEmpty()) {
			return anchor;
		}
		try {
			CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
			PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(anchor, null)));
			parameters.setRevocationEnabled(false);
			parameters.setDate(Date.from(now));
			CertPathValidator.getInstance("PKIX").validate(certPath, parameters);
			return anchor;
		}
		catch (CertPathValidatorException ex) {
			if (ex.getReason() == BasicReason.EXPIRED || ex.getReason() == BasicReason.NOT_YET_VALID) {
				throw new TrustException(Reason.EXPIRED, "a certificate of the server's chain is not valid at "
						+ Text.time(Text.checkTime(now, "now")), ex);
			}
			throw new TrustException(Reason.UNTRUSTED_CHAIN, "the server's certificate chain does not lead to "
					+ describePin(), ex);
		}
		catch (GeneralSecurityException ex) {
			throw new TrustException(Reason.UNTRUSTED_CHAIN, "the server's certificate chain cannot be validated", ex);
		}
	}

	private int anchorIndex(List<X509Certificate> chain) throws TrustException {
		if (this.pinnedCertificate == null && this.pinnedKey == null) {
			return chain.size() - 1;
		}
		for (int i = 0; i < chain.size(); i++) {
			X509Certificate candidate = chain.get(i);
			boolean pinned = (this.pinnedCertificate != null) ? sameEncoding(candidate, this.pinnedCertificate)
					: Certificates.keyFingerprint(candidate).equals(this.pinnedKey);
			if (pinned) {
				return i;
			}
		}
		if (this.pinnedKey != null) {
			throw new TrustException(Reason.UNTRUSTED_CHAIN,
					"no certificate of the server's chain has the pinned key " + this.pinnedKey);
		}
		return -1;
	}

	private String describePin() {
		if (this.pinnedKey != null) {
			return "the pinned key " + this.pinnedKey;
		}
		return (this.pinnedCertificate != null) ? "the pinned certificate" : "its own last certificate";
	}

	private static void checkValidity(X509Certificate certificate, Instant now) throws TrustException {
		try {
			certificate.checkValidity(Date.from(now));
		}
		catch (CertificateExpiredException | CertificateNotYetValidException ex) {
			throw new TrustException(Reason.EXPIRED, "the pinned certificate is not valid at "
					+ Text.time(Text.checkTime(now, "now")), ex);
		}
	}

	private static void checkSigningCertificate(X509Certificate leaf) throws TrustException {
		if (leaf.getBasicConstraints() >= 0) {
			throw new TrustException(Reason.UNTRUSTED_CHAIN, "the signing certificate is a CA certificate");
		}
		boolean[] keyUsage = leaf.getKeyUsage();
		if (keyUsage == null || !keyUsage[0]) {
			throw new TrustException(Reason.UNTRUSTED_CHAIN, "the signing certificate does not allow digitalSignature");
		}
		try {
			Recipient.of(leaf.getPublicKey());
		}
		catch (InvalidKeyException ex) {
			throw new TrustException(Reason.UNTRUSTED_CHAIN, "the signing certificate's key is not a P-384 key", ex);
		}
	}

	private static boolean sameEncoding(X509Certificate a, X509Certificate b) {
		try {
			return Arrays.equals(a.getEncoded(), b.getEncoded());
		}
		catch (CertificateEncodingException ex) {
			return false;
		}
	}

}
