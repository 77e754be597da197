package dev.sealdrop.format.trust;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import dev.sealdrop.format.Identity;
import dev.sealdrop.format.Recipient;
import dev.sealdrop.format.trust.TrustException.Reason;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServerTrustVerifierTests {

	private final TrustFixtures fx = new TrustFixtures();

	@Test
	void validChainAndStatementVerify() throws Exception {
		VerifiedServerKey verified = this.fx.verifier().verify(this.fx.chain, this.fx.signed, this.fx.encryptionKey);
		assertThat(verified.key()).isEqualTo(this.fx.encryptionKey);
		assertThat(verified.statement()).isEqualTo(this.fx.statement);
		assertThat(verified.signingCertificate()).isEqualTo(this.fx.leaf);
		assertThat(verified.anchorFingerprint()).isEqualTo(Certificates.keyFingerprint(this.fx.ca.certificate()));
		assertThat(verified.signerFingerprint()).isEqualTo(Recipient.of(this.fx.signing.getPublic()).fingerprint());
	}

	@Test
	void chainWithoutTheCaCertificateVerifies() throws TrustException {
		VerifiedServerKey verified = this.fx.verifier().verify(List.of(this.fx.leaf), this.fx.signed, this.fx.encryptionKey);
		assertThat(verified.key()).isEqualTo(this.fx.encryptionKey);
	}

	@Test
	void chainFromAnotherCaIsUntrusted() {
		ServerTrustVerifier pinnedElsewhere = ServerTrustVerifier
			.pinningCertificate(LocalCertificateAuthority.generate("another CA", Duration.ofDays(30), this.fx.clock).certificate(), this.fx.clock);
		assertReason(() -> pinnedElsewhere.verify(this.fx.chain, this.fx.signed, this.fx.encryptionKey), Reason.UNTRUSTED_CHAIN);
	}

	@Test
	void chainFromAnotherCaWithTheSameNameIsUntrusted() {
		// Every embedded server names its CA alike: the name must not be what decides.
		LocalCertificateAuthority impostor = LocalCertificateAuthority.generate(this.fx.clock);
		X509Certificate forgedLeaf = impostor.issueSigningCertificate(this.fx.signing.getPublic(), "sealdrop server");
		assertReason(() -> this.fx.verifier().verify(List.of(forgedLeaf, impostor.certificate()), this.fx.signed,
				this.fx.encryptionKey), Reason.UNTRUSTED_CHAIN);
		assertReason(() -> this.fx.verifier().verify(List.of(forgedLeaf), this.fx.signed, this.fx.encryptionKey),
				Reason.UNTRUSTED_CHAIN);
	}

	@Test
	void expiredSigningCertificateIsExpired() {
		X509Certificate expired = this.fx.ca.issueSigningCertificate(this.fx.signing.getPublic(), "old", List.of(),
				TrustFixtures.NOW.minus(Duration.ofDays(400)), TrustFixtures.NOW.minus(Duration.ofDays(35)));
		assertReason(() -> this.fx.verifier().verify(List.of(expired, this.fx.ca.certificate()), this.fx.signed,
				this.fx.encryptionKey), Reason.EXPIRED);
	}

	@Test
	void signingCertificateIsExpiredWhenVerifiedAfterItsEnd() {
		Clock later = TrustFixtures.at(this.fx.leaf.getNotAfter().toInstant().plusSeconds(1));
		ServerTrustVerifier verifier = ServerTrustVerifier.pinningCertificate(this.fx.ca.certificate(), later);
		assertReason(() -> verifier.verify(this.fx.chain, this.fx.signed, this.fx.encryptionKey), Reason.EXPIRED);
	}

	@Test
	void signingCertificateNotYetValidIsExpired() {
		X509Certificate future = this.fx.ca.issueSigningCertificate(this.fx.signing.getPublic(), "future", List.of(),
				TrustFixtures.NOW.plus(Duration.ofDays(1)), TrustFixtures.NOW.plus(Duration.ofDays(30)));
		assertReason(() -> this.fx.verifier().verify(List.of(future), this.fx.signed, this.fx.encryptionKey), Reason.EXPIRED);
	}

	@Test
	void expiredPinnedCaIsExpired() {
		LocalCertificateAuthority shortLived = LocalCertificateAuthority.generate("short-lived CA", Duration.ofDays(1),
				this.fx.clock);
		X509Certificate leaf = shortLived.issueSigningCertificate(this.fx.signing.getPublic(), "server", List.of(),
				TrustFixtures.NOW.minusSeconds(60), TrustFixtures.NOW.plus(Duration.ofDays(30)));
		Clock later = TrustFixtures.at(TrustFixtures.NOW.plus(Duration.ofDays(2)));
		ServerTrustVerifier verifier = ServerTrustVerifier.pinningCertificate(shortLived.certificate(), later);
		assertReason(() -> verifier.verify(List.of(leaf), this.fx.signed, this.fx.encryptionKey), Reason.EXPIRED);
	}

	@ParameterizedTest
	@ValueSource(ints = { 1, 2, 3, 4, 5, 6 })
	void tamperedStatementFieldIsBadSignature(int line) throws Exception {
		String[] lines = this.fx.signed.statement().split("\n");
		String other = new KeyStatement(Identity.generate().recipient(), TrustFixtures.NOW.minus(Duration.ofDays(2)),
				TrustFixtures.NOW.plus(Duration.ofDays(91)), KeyStatement.Status.RETIRED).toText();
		lines[line] = other.split("\n")[line];
		SignedKeyStatement tampered = new SignedKeyStatement(String.join("\n", lines) + "\n", this.fx.signed.signature());
		assertThat(tampered.statement()).isNotEqualTo(this.fx.signed.statement());
		assertReason(() -> this.fx.verifier().verify(this.fx.chain, tampered, this.fx.encryptionKey), Reason.BAD_SIGNATURE);
	}

	@Test
	void tamperedStatementHeaderIsBadSignature() {
		SignedKeyStatement tampered = new SignedKeyStatement(
				this.fx.signed.statement().replace("sealdrop-key-statement/1", "sealdrop-key-statement/2"),
				this.fx.signed.signature());
		assertReason(() -> this.fx.verifier().verify(this.fx.chain, tampered, this.fx.encryptionKey), Reason.BAD_SIGNATURE);
	}

	@Test
	void statementSignedByAnotherKeyIsBadSignature() {
		SignedKeyStatement forged = this.fx.statement.sign(LocalCertificateAuthority.generateKeyPair().getPrivate());
		assertReason(() -> this.fx.verifier().verify(this.fx.chain, forged, this.fx.encryptionKey), Reason.BAD_SIGNATURE);
	}

	@Test
	void statementSignedByTheCaKeyInsteadOfTheSigningKeyIsBadSignature() {
		SignedKeyStatement byCa = this.fx.statement.sign(this.fx.ca.privateKey());
		assertReason(() -> this.fx.verifier().verify(this.fx.chain, byCa, this.fx.encryptionKey), Reason.BAD_SIGNATURE);
	}

	@Test
	void statementForAnotherKeyIsKeyMismatch() {
		Recipient offered = Identity.generate().recipient();
		assertReason(() -> this.fx.verifier().verify(this.fx.chain, this.fx.signed, offered), Reason.KEY_MISMATCH);
	}

	@Test
	void retiredKeyIsRefused() {
		SignedKeyStatement retired = new KeyStatement(this.fx.encryptionKey, this.fx.statement.notBefore(),
				this.fx.statement.notAfter(), KeyStatement.Status.RETIRED).sign(this.fx.signing.getPrivate());
		assertReason(() -> this.fx.verifier().verify(this.fx.chain, retired, this.fx.encryptionKey), Reason.RETIRED_KEY);
	}

	@Test
	void statementPastItsValidityIsExpired() {
		SignedKeyStatement old = new KeyStatement(this.fx.encryptionKey, TrustFixtures.NOW.minus(Duration.ofDays(10)),
				TrustFixtures.NOW, KeyStatement.Status.CURRENT).sign(this.fx.signing.getPrivate());
		assertReason(() -> this.fx.verifier().verify(this.fx.chain, old, this.fx.encryptionKey), Reason.EXPIRED);
	}

	@Test
	void statementNotYetValidIsExpired() {
		SignedKeyStatement early = new KeyStatement(this.fx.encryptionKey, TrustFixtures.NOW.plusSeconds(1),
				TrustFixtures.NOW.plus(Duration.ofDays(10)), KeyStatement.Status.CURRENT).sign(this.fx.signing.getPrivate());
		assertReason(() -> this.fx.verifier().verify(this.fx.chain, early, this.fx.encryptionKey), Reason.EXPIRED);
	}

	@Test
	void statementSignatureInBerIsMalformedOrBad() {
		byte[] der = java.util.Base64.getDecoder().decode(this.fx.signed.signature());
		byte[] ber = new byte[der.length + 1];
		ber[0] = 0x30;
		ber[1] = (byte) 0x81;
		System.arraycopy(der, 1, ber, 2, der.length - 1);
		SignedKeyStatement berSigned = new SignedKeyStatement(this.fx.signed.statement(),
				java.util.Base64.getEncoder().encodeToString(ber));
		assertReason(() -> this.fx.verifier().verify(this.fx.chain, berSigned, this.fx.encryptionKey), Reason.BAD_SIGNATURE);
	}

	@Test
	void signatureThatIsNotBase64IsMalformed() {
		SignedKeyStatement garbled = new SignedKeyStatement(this.fx.signed.statement(), "not base64!");
		assertReason(() -> this.fx.verifier().verify(this.fx.chain, garbled, this.fx.encryptionKey), Reason.MALFORMED);
	}

	@Test
	void correctlySignedButMalformedStatementIsMalformed() {
		String text = this.fx.statement.toText().replace("status:current", "status:maybe");
		SignedKeyStatement signed = new SignedKeyStatement(text,
				java.util.Base64.getEncoder().encodeToString(Signatures.sign(this.fx.signing.getPrivate(), text.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
		assertReason(() -> this.fx.verifier().verify(this.fx.chain, signed, this.fx.encryptionKey), Reason.MALFORMED);
	}

	@Test
	void emptyOrOverlongChainIsMalformed() {
		assertReason(() -> this.fx.verifier().verify(List.of(), this.fx.signed, this.fx.encryptionKey), Reason.MALFORMED);
		List<X509Certificate> nine = java.util.Collections.nCopies(9, this.fx.leaf);
		assertReason(() -> this.fx.verifier().verify(nine, this.fx.signed, this.fx.encryptionKey), Reason.MALFORMED);
	}

	@Test
	void leafThatIsACaIsUntrusted() throws Exception {
		X509Certificate caLeaf = issue(this.fx.signing.getPublic(), new BasicConstraints(0),
				new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyCertSign));
		assertReason(() -> this.fx.verifier().verify(List.of(caLeaf), this.fx.signed, this.fx.encryptionKey),
				Reason.UNTRUSTED_CHAIN);
	}

	@Test
	void leafWithoutDigitalSignatureUsageIsUntrusted() throws Exception {
		X509Certificate encipherOnly = issue(this.fx.signing.getPublic(), new BasicConstraints(false),
				new KeyUsage(KeyUsage.keyAgreement));
		assertReason(() -> this.fx.verifier().verify(List.of(encipherOnly), this.fx.signed, this.fx.encryptionKey),
				Reason.UNTRUSTED_CHAIN);
	}

	@Test
	void leafWithoutKeyUsageIsUntrusted() throws Exception {
		X509Certificate noUsage = issue(this.fx.signing.getPublic(), new BasicConstraints(false), null);
		assertReason(() -> this.fx.verifier().verify(List.of(noUsage), this.fx.signed, this.fx.encryptionKey),
				Reason.UNTRUSTED_CHAIN);
	}

	@Test
	void leafWithAP256KeyIsUntrusted() throws Exception {
		java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("EC");
		generator.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
		KeyPair p256 = generator.generateKeyPair();
		X509Certificate leaf = issue(p256.getPublic(), new BasicConstraints(false), new KeyUsage(KeyUsage.digitalSignature));
		assertReason(() -> this.fx.verifier().verify(List.of(leaf), this.fx.signed, this.fx.encryptionKey),
				Reason.UNTRUSTED_CHAIN);
	}

	@Test
	void pinnedCaKeyFingerprintVerifiesAndIsReportedForTrustOnFirstUse() throws TrustException {
		ServerTrustVerifier tofu = ServerTrustVerifier.pinningKey(Certificates.keyFingerprint(this.fx.ca.certificate()),
				this.fx.clock);
		VerifiedServerKey verified = tofu.verify(this.fx.chain, this.fx.signed, this.fx.encryptionKey);
		assertThat(verified.anchorFingerprint()).isEqualTo(Certificates.keyFingerprint(this.fx.ca.certificate()));
	}

	@Test
	void pinnedSigningKeyFingerprintVerifies() throws TrustException {
		ServerTrustVerifier pinLeaf = ServerTrustVerifier.pinningKey(Certificates.keyFingerprint(this.fx.leaf), this.fx.clock);
		VerifiedServerKey verified = pinLeaf.verify(this.fx.chain, this.fx.signed, this.fx.encryptionKey);
		assertThat(verified.anchorFingerprint()).isEqualTo(verified.signerFingerprint());
	}

	@Test
	void pinnedLeafStillHasToBeValidNow() {
		ServerTrustVerifier pinLeaf = ServerTrustVerifier.pinningKey(Certificates.keyFingerprint(this.fx.leaf),
				TrustFixtures.at(this.fx.leaf.getNotAfter().toInstant().plusSeconds(1)));
		assertReason(() -> pinLeaf.verify(this.fx.chain, this.fx.signed, this.fx.encryptionKey), Reason.EXPIRED);
	}

	@Test
	void pinnedKeyAbsentFromTheChainIsUntrusted() {
		ServerTrustVerifier other = ServerTrustVerifier.pinningKey(Identity.generate().fingerprint(), this.fx.clock);
		assertReason(() -> other.verify(this.fx.chain, this.fx.signed, this.fx.encryptionKey), Reason.UNTRUSTED_CHAIN);
	}

	@Test
	void pinnedKeyMatchingACaThatDidNotIssueTheLeafIsUntrusted() {
		// The chain names the pinned CA, but the leaf comes from another: the pin is not enough by presence.
		LocalCertificateAuthority impostor = LocalCertificateAuthority.generate(this.fx.clock);
		X509Certificate forgedLeaf = impostor.issueSigningCertificate(this.fx.signing.getPublic(), "sealdrop server");
		ServerTrustVerifier tofu = ServerTrustVerifier.pinningKey(Certificates.keyFingerprint(this.fx.ca.certificate()),
				this.fx.clock);
		assertReason(() -> tofu.verify(List.of(forgedLeaf, this.fx.ca.certificate()), this.fx.signed, this.fx.encryptionKey),
				Reason.UNTRUSTED_CHAIN);
	}

	@Test
	void firstUseAnchorsAtTheLastCertificateAndReportsItsKeyToPin() throws TrustException {
		VerifiedServerKey verified = ServerTrustVerifier.firstUse(this.fx.clock)
			.verify(this.fx.chain, this.fx.signed, this.fx.encryptionKey);
		assertThat(verified.anchorFingerprint()).isEqualTo(Certificates.keyFingerprint(this.fx.ca.certificate()));
		VerifiedServerKey again = ServerTrustVerifier.pinningKey(verified.anchorFingerprint(), this.fx.clock)
			.verify(this.fx.chain, this.fx.signed, this.fx.encryptionKey);
		assertThat(again.key()).isEqualTo(this.fx.encryptionKey);
	}

	@Test
	void firstUseStillRejectsALeafTheLastCertificateDidNotIssue() {
		LocalCertificateAuthority impostor = LocalCertificateAuthority.generate(this.fx.clock);
		X509Certificate forgedLeaf = impostor.issueSigningCertificate(this.fx.signing.getPublic(), "sealdrop server");
		assertReason(() -> ServerTrustVerifier.firstUse(this.fx.clock)
			.verify(List.of(forgedLeaf, this.fx.ca.certificate()), this.fx.signed, this.fx.encryptionKey), Reason.UNTRUSTED_CHAIN);
	}

	@Test
	void firstUseStillChecksTheStatementSignature() {
		SignedKeyStatement forged = this.fx.statement.sign(LocalCertificateAuthority.generateKeyPair().getPrivate());
		assertReason(() -> ServerTrustVerifier.firstUse(this.fx.clock).verify(this.fx.chain, forged, this.fx.encryptionKey),
				Reason.BAD_SIGNATURE);
	}

	@Test
	void challengeAnswerVerifiesAgainstTheVerifiedKey() throws TrustException {
		VerifiedServerKey verified = this.fx.verifier().verify(this.fx.chain, this.fx.signed, this.fx.encryptionKey);
		String nonce = ChallengeResponse.newNonce();
		ChallengeResponse answer = ChallengeResponse.sign(nonce, this.fx.encryptionKey.fingerprint(), this.fx.leaf,
				this.fx.signing.getPrivate(), this.fx.clock);
		this.fx.verifier().verifyChallenge(verified, nonce, answer, ChallengeResponse.DEFAULT_MAX_SKEW);
		assertReason(() -> this.fx.verifier().verifyChallenge(verified, ChallengeResponse.newNonce(), answer,
				ChallengeResponse.DEFAULT_MAX_SKEW), Reason.NONCE_MISMATCH);
	}

	/** A certificate from the fixture CA with extensions the local CA would never put there. */
	private X509Certificate issue(PublicKey subject, BasicConstraints constraints, KeyUsage usage) throws Exception {
		Instant now = TrustFixtures.NOW;
		X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(this.fx.ca.certificate(), BigInteger.TEN,
				Date.from(now.minusSeconds(60)), Date.from(now.plus(Duration.ofDays(30))), new X500Name("CN=odd"), subject)
			.addExtension(Extension.basicConstraints, true, constraints);
		if (usage != null) {
			builder.addExtension(Extension.keyUsage, true, usage);
		}
		PrivateKey caKey = this.fx.ca.privateKey();
		return new JcaX509CertificateConverter()
			.getCertificate(builder.build(new JcaContentSignerBuilder("SHA384withECDSA").build(caKey)));
	}

	private static void assertReason(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, Reason reason) {
		assertThatThrownBy(call).isInstanceOfSatisfying(TrustException.class, (ex) -> assertThat(ex.reason()).isEqualTo(reason));
	}

}
