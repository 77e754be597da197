package dev.sealdrop.format.trust;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;

import dev.sealdrop.format.Fingerprint;
import dev.sealdrop.format.Identity;
import dev.sealdrop.format.trust.TrustException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChallengeResponseTests {

	private static final Duration SKEW = ChallengeResponse.DEFAULT_MAX_SKEW;

	private final TrustFixtures fx = new TrustFixtures();

	private final String nonce = ChallengeResponse.newNonce();

	private final Fingerprint key = this.fx.encryptionKey.fingerprint();

	private ChallengeResponse answer(String nonce) throws TrustException {
		return ChallengeResponse.sign(nonce, this.key, this.fx.leaf, this.fx.signing.getPrivate(), this.fx.clock);
	}

	@Test
	void signatureVerifiesWithTheJdkOverTheDocumentedMessage() throws Exception {
		ChallengeResponse response = answer(this.nonce);
		// The message rebuilt here from PROTOCOL.md, not with the code under test.
		String signer = "sha256:" + HexFormat.of()
			.formatHex(MessageDigest.getInstance("SHA-256").digest(this.fx.leaf.getPublicKey().getEncoded()));
		String message = "sealdrop-challenge/1\n"
				+ "nonce:" + this.nonce + "\n"
				+ "fingerprint:" + this.key + "\n"
				+ "signer:" + signer + "\n"
				+ "timestamp:2026-11-23T05:00:00Z\n";
		Signature jdk = Signature.getInstance("SHA384withECDSA");
		jdk.initVerify(this.fx.leaf.getPublicKey());
		jdk.update(message.getBytes(StandardCharsets.UTF_8));
		assertThat(jdk.verify(Base64.getDecoder().decode(response.signature()))).isTrue();
		assertThat(response.message(this.fx.leaf)).isEqualTo(message.getBytes(StandardCharsets.UTF_8));
		assertThat(response.nonce()).isEqualTo(this.nonce);
		assertThat(response.fingerprint()).isEqualTo(this.key.toString());
		assertThat(response.timestamp()).isEqualTo("2026-11-23T05:00:00Z");
	}

	@Test
	void freshAnswerVerifies() throws TrustException {
		ChallengeResponse response = answer(this.nonce);
		assertThatCode(() -> response.verify(this.nonce, this.key, this.fx.leaf, this.fx.clock, SKEW))
			.doesNotThrowAnyException();
	}

	@Test
	void answerWithinTheSkewInEitherDirectionVerifies() throws TrustException {
		ChallengeResponse response = answer(this.nonce);
		assertThatCode(() -> response.verify(this.nonce, this.key, this.fx.leaf,
				TrustFixtures.at(TrustFixtures.NOW.plus(SKEW)), SKEW)).doesNotThrowAnyException();
		assertThatCode(() -> response.verify(this.nonce, this.key, this.fx.leaf,
				TrustFixtures.at(TrustFixtures.NOW.minus(SKEW)), SKEW)).doesNotThrowAnyException();
	}

	@Test
	void replayedOldAnswerIsStale() throws TrustException {
		ChallengeResponse response = answer(this.nonce);
		assertReason(() -> response.verify(this.nonce, this.key, this.fx.leaf,
				TrustFixtures.at(TrustFixtures.NOW.plus(SKEW).plusSeconds(1)), SKEW), Reason.STALE_CHALLENGE);
	}

	@Test
	void answerFromTheFutureIsStale() throws TrustException {
		ChallengeResponse response = answer(this.nonce);
		assertReason(() -> response.verify(this.nonce, this.key, this.fx.leaf,
				TrustFixtures.at(TrustFixtures.NOW.minus(SKEW).minusSeconds(1)), SKEW), Reason.STALE_CHALLENGE);
	}

	@Test
	void answerToAnotherNonceIsNonceMismatch() throws TrustException {
		ChallengeResponse response = answer(ChallengeResponse.newNonce());
		assertReason(() -> response.verify(this.nonce, this.key, this.fx.leaf, this.fx.clock, SKEW), Reason.NONCE_MISMATCH);
	}

	@Test
	void answerWithTheNonceSwappedIsBadSignature() throws TrustException {
		ChallengeResponse old = answer(ChallengeResponse.newNonce());
		ChallengeResponse swapped = new ChallengeResponse(this.nonce, old.fingerprint(), old.timestamp(), old.signature());
		assertReason(() -> swapped.verify(this.nonce, this.key, this.fx.leaf, this.fx.clock, SKEW), Reason.BAD_SIGNATURE);
	}

	@Test
	void answerWithTheTimestampChangedIsBadSignature() throws TrustException {
		ChallengeResponse old = answer(this.nonce);
		ChallengeResponse moved = new ChallengeResponse(old.nonce(), old.fingerprint(), "2026-11-23T05:00:01Z",
				old.signature());
		assertReason(() -> moved.verify(this.nonce, this.key, this.fx.leaf, this.fx.clock, SKEW), Reason.BAD_SIGNATURE);
	}

	@Test
	void answerForAnotherKeyIsKeyMismatch() throws TrustException {
		ChallengeResponse response = answer(this.nonce);
		Fingerprint other = Identity.generate().fingerprint();
		assertReason(() -> response.verify(this.nonce, other, this.fx.leaf, this.fx.clock, SKEW), Reason.KEY_MISMATCH);
	}

	@Test
	void answerWithTheFingerprintSwappedIsBadSignature() throws TrustException {
		Fingerprint other = Identity.generate().fingerprint();
		ChallengeResponse old = ChallengeResponse.sign(this.nonce, other, this.fx.leaf, this.fx.signing.getPrivate(),
				this.fx.clock);
		ChallengeResponse swapped = new ChallengeResponse(old.nonce(), this.key.toString(), old.timestamp(),
				old.signature());
		assertReason(() -> swapped.verify(this.nonce, this.key, this.fx.leaf, this.fx.clock, SKEW), Reason.BAD_SIGNATURE);
	}

	@Test
	void answerSignedByAnotherKeyIsBadSignature() throws TrustException {
		ChallengeResponse forged = ChallengeResponse.sign(this.nonce, this.key, this.fx.leaf,
				LocalCertificateAuthority.generateKeyPair().getPrivate(), this.fx.clock);
		assertReason(() -> forged.verify(this.nonce, this.key, this.fx.leaf, this.fx.clock, SKEW), Reason.BAD_SIGNATURE);
	}

	@Test
	void answerBoundToAnotherSigningCertificateIsBadSignature() throws TrustException {
		// Signed by the right key, but naming another signer: the signer line must match the certificate used to verify.
		java.security.cert.X509Certificate otherLeaf = this.fx.ca
			.issueSigningCertificate(LocalCertificateAuthority.generateKeyPair().getPublic(), "other");
		ChallengeResponse response = ChallengeResponse.sign(this.nonce, this.key, otherLeaf, this.fx.signing.getPrivate(),
				this.fx.clock);
		assertReason(() -> response.verify(this.nonce, this.key, this.fx.leaf, this.fx.clock, SKEW), Reason.BAD_SIGNATURE);
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 1, 15, 65, 1024 })
	void nonceOfWrongLengthIsMalformed(int length) {
		String nonce = Base64.getEncoder().encodeToString(new byte[length]);
		assertReason(() -> ChallengeResponse.decodeNonce(nonce), Reason.MALFORMED);
		assertReason(() -> answer(nonce), Reason.MALFORMED);
	}

	@ParameterizedTest
	@ValueSource(ints = { 16, 64 })
	void nonceAtTheLengthBoundsIsAccepted(int length) throws TrustException {
		String nonce = Base64.getEncoder().encodeToString(new byte[length]);
		assertThat(ChallengeResponse.decodeNonce(nonce)).hasSize(length);
	}

	@Test
	void nonCanonicalNonceIsMalformed() {
		String url = Base64.getUrlEncoder().encodeToString(new byte[] { -1, -2, -3, -4, -5, -6, -7, -8, -9, -10, -11, -12,
				-13, -14, -15, -16, -17, -18 });
		assertReason(() -> ChallengeResponse.decodeNonce(url), Reason.MALFORMED);
		String unpadded = Base64.getEncoder().withoutPadding().encodeToString(new byte[17]);
		assertReason(() -> ChallengeResponse.decodeNonce(unpadded), Reason.MALFORMED);
		assertReason(() -> ChallengeResponse.decodeNonce(null), Reason.MALFORMED);
	}

	@Test
	void newNoncesAreDistinctAndValid() throws TrustException {
		String a = ChallengeResponse.newNonce();
		String b = ChallengeResponse.newNonce();
		assertThat(a).isNotEqualTo(b);
		assertThat(ChallengeResponse.decodeNonce(a)).hasSize(32);
	}

	@Test
	void malformedFieldsInTheAnswerAreMalformed() throws TrustException {
		ChallengeResponse ok = answer(this.nonce);
		ChallengeResponse badTime = new ChallengeResponse(ok.nonce(), ok.fingerprint(), "2026-11-23T05:00:00.000Z",
				ok.signature());
		assertReason(() -> badTime.verify(this.nonce, this.key, this.fx.leaf, this.fx.clock, SKEW), Reason.MALFORMED);
		ChallengeResponse badFingerprint = new ChallengeResponse(ok.nonce(), ok.fingerprint().toUpperCase(java.util.Locale.ROOT),
				ok.timestamp(), ok.signature());
		assertReason(() -> badFingerprint.verify(this.nonce, this.key, this.fx.leaf, this.fx.clock, SKEW), Reason.MALFORMED);
		ChallengeResponse badSignature = new ChallengeResponse(ok.nonce(), ok.fingerprint(), ok.timestamp(),
				ok.signature() + "=");
		assertReason(() -> badSignature.verify(this.nonce, this.key, this.fx.leaf, this.fx.clock, SKEW), Reason.MALFORMED);
	}

	private static void assertReason(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, Reason reason) {
		assertThatThrownBy(call).isInstanceOfSatisfying(TrustException.class, (ex) -> assertThat(ex.reason()).isEqualTo(reason));
	}

}
