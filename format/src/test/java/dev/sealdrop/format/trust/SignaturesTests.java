package dev.sealdrop.format.trust;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SignaturesTests {

	private static final byte[] MESSAGE = "sealdrop-test/1\n".getBytes(StandardCharsets.UTF_8);

	private final KeyPair keys = LocalCertificateAuthority.generateKeyPair();

	@Test
	void signatureVerifiesWithTheMatchingKey() {
		byte[] der = Signatures.sign(this.keys.getPrivate(), MESSAGE);
		assertThat(Signatures.verifyDer(this.keys.getPublic(), MESSAGE, der)).isTrue();
	}

	@Test
	void signatureIsOneTheJdkVerifierAccepts() throws Exception {
		byte[] der = Signatures.sign(this.keys.getPrivate(), MESSAGE);
		Signature jdk = Signature.getInstance("SHA384withECDSA");
		jdk.initVerify(this.keys.getPublic());
		jdk.update(MESSAGE);
		assertThat(jdk.verify(der)).isTrue();
	}

	@Test
	void signatureDoesNotVerifyWithAnotherKey() {
		byte[] der = Signatures.sign(this.keys.getPrivate(), MESSAGE);
		KeyPair other = LocalCertificateAuthority.generateKeyPair();
		assertThat(Signatures.verifyDer(other.getPublic(), MESSAGE, der)).isFalse();
	}

	@Test
	void signatureDoesNotVerifyForAnotherMessage() {
		byte[] der = Signatures.sign(this.keys.getPrivate(), MESSAGE);
		assertThat(Signatures.verifyDer(this.keys.getPublic(), "sealdrop-test/2\n".getBytes(StandardCharsets.UTF_8), der))
			.isFalse();
	}

	@Test
	void signatureWithTrailingByteIsRejected() {
		byte[] der = Signatures.sign(this.keys.getPrivate(), MESSAGE);
		byte[] longer = java.util.Arrays.copyOf(der, der.length + 1);
		longer[1]++;
		assertThat(Signatures.verifyDer(this.keys.getPublic(), MESSAGE, longer)).isFalse();
		assertThat(Signatures.verifyDer(this.keys.getPublic(), MESSAGE, java.util.Arrays.copyOf(der, der.length + 1)))
			.isFalse();
	}

	@Test
	void signatureWithLongFormSequenceLengthIsRejected() {
		byte[] der = Signatures.sign(this.keys.getPrivate(), MESSAGE);
		byte[] ber = new byte[der.length + 1];
		ber[0] = 0x30;
		ber[1] = (byte) 0x81;
		System.arraycopy(der, 1, ber, 2, der.length - 1);
		assertThat(Signatures.verifyDer(this.keys.getPublic(), MESSAGE, ber)).isFalse();
	}

	@Test
	void signatureWithSuperfluousLeadingZeroIsRejected() {
		BigInteger[] rs = Signatures.parseDer(Signatures.sign(this.keys.getPrivate(), MESSAGE));
		byte[] r = rs[0].toByteArray();
		byte[] padded = new byte[r.length + 1];
		System.arraycopy(r, 0, padded, 1, r.length);
		byte[] s = rs[1].toByteArray();
		byte[] ber = new byte[2 + 2 + padded.length + 2 + s.length];
		ber[0] = 0x30;
		ber[1] = (byte) (ber.length - 2);
		ber[2] = 0x02;
		ber[3] = (byte) padded.length;
		System.arraycopy(padded, 0, ber, 4, padded.length);
		ber[4 + padded.length] = 0x02;
		ber[5 + padded.length] = (byte) s.length;
		System.arraycopy(s, 0, ber, 6 + padded.length, s.length);
		assertThat(Signatures.parseDer(ber)).isNull();
		assertThat(Signatures.verifyDer(this.keys.getPublic(), MESSAGE, ber)).isFalse();
	}

	@Test
	void negativeIntegersAreRejected() {
		assertThat(Signatures.parseDer(new byte[] { 0x30, 0x06, 0x02, 0x01, (byte) 0x81, 0x02, 0x01, 0x01 })).isNull();
	}

	@Test
	void emptyAndTruncatedInputsAreRejected() {
		assertThat(Signatures.parseDer(null)).isNull();
		assertThat(Signatures.parseDer(new byte[0])).isNull();
		assertThat(Signatures.parseDer(new byte[] { 0x30 })).isNull();
		assertThat(Signatures.parseDer(new byte[] { 0x30, 0x00 })).isNull();
		assertThat(Signatures.parseDer(new byte[] { 0x30, 0x03, 0x02, 0x01, 0x01 })).isNull();
		assertThat(Signatures.parseDer(new byte[] { 0x30, 0x06, 0x02, 0x00, 0x02, 0x02, 0x01, 0x01 })).isNull();
	}

	@Test
	void zeroValuesDoNotVerify() {
		byte[] zeros = { 0x30, 0x06, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00 };
		assertThat(Signatures.parseDer(zeros)).isNotNull();
		assertThat(Signatures.verifyDer(this.keys.getPublic(), MESSAGE, zeros)).isFalse();
	}

	@Test
	void p1363OfWrongLengthIsRejected() {
		assertThat(Signatures.verifyP1363(this.keys.getPublic(), MESSAGE, new byte[95])).isFalse();
		assertThat(Signatures.verifyP1363(this.keys.getPublic(), MESSAGE, null)).isFalse();
	}

	@Test
	void keyOnAnotherCurveIsRejected() throws Exception {
		java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("EC");
		generator.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
		KeyPair p256 = generator.generateKeyPair();
		Signature jdk = Signature.getInstance("SHA384withECDSA");
		jdk.initSign(p256.getPrivate());
		jdk.update(MESSAGE);
		assertThat(Signatures.verifyDer(p256.getPublic(), MESSAGE, jdk.sign())).isFalse();
	}

}
