package dev.sealdrop.client;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;

import dev.sealdrop.client.net.ApiClient;
import dev.sealdrop.client.net.ApiTypes;
import dev.sealdrop.format.Fingerprint;
import dev.sealdrop.format.Recipient;
import dev.sealdrop.format.trust.Certificates;
import dev.sealdrop.format.trust.ChallengeResponse;
import dev.sealdrop.format.trust.ServerTrustVerifier;
import dev.sealdrop.format.trust.SignedKeyStatement;
import dev.sealdrop.format.trust.TrustException;
import dev.sealdrop.format.trust.VerifiedServerKey;

/**
 * Establishes that the encryption key a server offers is authentic (PROTOCOL.md §1.6): fetches
 * {@code GET /server-key}, verifies the certificate chain against the pin, the signed key statement,
 * and a challenge with a fresh nonce. Knows nothing about {@code known_servers}: the caller decides
 * which pin to verify against and what to record.
 */
final class ServerTrust {

	/**
	 * What the server presented, before any verification.
	 * @param chain its certificate chain, signing certificate first
	 * @param offered the encryption key it offers
	 * @param info the raw answer
	 */
	record Presented(List<X509Certificate> chain, Recipient offered, ApiTypes.ServerKeyInfo info) {

		/** The key fingerprint of the chain's last certificate: what trust on first use pins. */
		Fingerprint lastCertificateKey() {
			return Certificates.keyFingerprint(this.chain.get(this.chain.size() - 1));
		}

		boolean containsKey(Fingerprint key) {
			return this.chain.stream().anyMatch((certificate) -> Certificates.keyFingerprint(certificate).equals(key));
		}

	}

	private final ApiClient anonymous;

	private final Clock clock;

	/** @param anonymous a client without credentials: these endpoints are public */
	ServerTrust(ApiClient anonymous, Clock clock) {
		this.anonymous = anonymous;
		this.clock = clock;
	}

	/** Fetches the key, the chain and the statement; checks their form only. */
	Presented fetch() throws IOException, TrustException, CommandException {
		ApiTypes.ServerKeyInfo info = this.anonymous.get("/server-key", ApiTypes.ServerKeyInfo.class);
		if (info.certificateChain() == null || info.certificateChain().isEmpty() || info.statement() == null
				|| info.statement().text() == null || info.statement().signature() == null) {
			throw new CommandException(ExitCode.SERVER_NOT_TRUSTED,
					"the server sent its key without a certificate chain and signed key statement, so its identity cannot be verified",
					"the server is older than this sealdrop or misconfigured; nothing was sent to it");
		}
		if (info.publicKeyPem() == null) {
			throw new TrustException(TrustException.Reason.MALFORMED, "the server's answer has no publicKeyPem");
		}
		StringBuilder pem = new StringBuilder();
		for (String certificate : info.certificateChain()) {
			pem.append(certificate);
			if (!certificate.endsWith("\n")) {
				pem.append('\n');
			}
		}
		List<X509Certificate> chain = Certificates.parsePem(pem.toString());
		Recipient offered;
		try {
			offered = Recipient.fromPem(info.publicKeyPem());
		}
		catch (dev.sealdrop.format.InvalidKeyException ex) {
			throw new TrustException(TrustException.Reason.MALFORMED, "the server's key is not a valid P-384 public key", ex);
		}
		return new Presented(chain, offered, info);
	}

	/**
	 * Verifies what the server presented with {@code verifier}, then a challenge with a fresh nonce.
	 * @throws TrustException with the reason of the first failed check
	 */
	VerifiedServerKey verify(Presented presented, ServerTrustVerifier verifier) throws IOException, TrustException {
		VerifiedServerKey verified = verifier.verify(presented.chain(),
				new SignedKeyStatement(presented.info().statement().text(), presented.info().statement().signature()),
				presented.offered());
		String nonce = ChallengeResponse.newNonce();
		// a fresh nonce only asks for a signature: safe to repeat after any failure
		ApiTypes.ChallengeResponse answer = this.anonymous.postRepeatable("/server-key/challenge",
				new ApiTypes.ChallengeRequest(nonce), ApiTypes.ChallengeResponse.class);
		if (answer.nonce() == null || answer.fingerprint() == null || answer.timestamp() == null
				|| answer.signature() == null) {
			throw new TrustException(TrustException.Reason.MALFORMED, "the challenge answer lacks a field");
		}
		verifier.verifyChallenge(verified,
				nonce, new ChallengeResponse(answer.nonce(), answer.fingerprint(), answer.timestamp(), answer.signature()),
				ChallengeResponse.DEFAULT_MAX_SKEW);
		return verified;
	}

	Clock clock() {
		return this.clock;
	}

}
