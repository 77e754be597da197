package dev.sealdrop.format;

import java.math.BigInteger;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RecipientTests {

	// keys made by another implementation than the JDK's
	private static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();

	/** Computed outside Java: {@code openssl pkey -pubin -in KEY.pub -outform DER | sha256sum}. */
	private static final String OPENSSL_FINGERPRINT = "sha256:bad97a5d887eedbb12109bea8c198baf3edca32e6d27bdb5229e90d70f1731bc";

	private static final String PYTHON_FINGERPRINT = "sha256:03cadf433e9e125ed654e22c925e11ec38895189adedaf0eb63088203e1f7b82";

	private static final BigInteger P = new BigInteger(
			"fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ffffffff", 16);

	@Test
	void fingerprintsOpenSslAndPythonKeysAsTheyDo() throws Exception {
		assertThat(Recipient.fromPem(key("openssl.pub")).fingerprint()).hasToString(OPENSSL_FINGERPRINT);
		assertThat(Recipient.fromPem(key("python.pub")).fingerprint()).hasToString(PYTHON_FINGERPRINT);
	}

	@Test
	void writesPemExactlyAsOpenSslDoes() throws Exception {
		assertThat(Recipient.fromPem(key("openssl.pub")).toPem()).isEqualTo(key("openssl.pub"));
	}

	@Test
	void everyEncodingOfTheSameKeyGivesTheSameRecipient() throws Exception {
		Recipient pem = Recipient.fromPem(key("openssl.pub"));
		assertThat(Recipient.fromSpki(pem.spki())).isEqualTo(pem);
		assertThat(Recipient.fromPoint(pem.point())).isEqualTo(pem);
		assertThat(Recipient.fromJwk(pem.toJwk())).isEqualTo(pem);
		assertThat(Recipient.parse(pem.toJwk())).isEqualTo(pem);
		assertThat(Recipient.parse("\n  " + pem.toPem() + "\n")).isEqualTo(pem);
		assertThat(Recipient.of(pem.publicKey())).isEqualTo(pem);
		assertThat(Recipient.of(pem.publicKey()).fingerprint()).hasToString(OPENSSL_FINGERPRINT);
	}

	@Test
	void normalizesKeysFromAnotherProvider() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BOUNCY_CASTLE);
		generator.initialize(new ECGenParameterSpec("secp384r1"));
		ECPublicKey bcKey = (ECPublicKey) generator.generateKeyPair().getPublic();
		Recipient recipient = Recipient.of(bcKey);
		assertThat(recipient.publicKey().getW()).isEqualTo(bcKey.getW());
		assertThat(recipient.fingerprint()).isEqualTo(Fingerprint.of(Recipient.fromPoint(recipient.point()).spki()));
		assertThat(recipient.spki()).hasSize(120);
	}

	@Test
	void acceptsCrlfLineEnds() throws Exception {
		assertThat(Recipient.fromPem(key("openssl.pub").replace("\n", "\r\n")).fingerprint()).hasToString(OPENSSL_FINGERPRINT);
	}

	@Test
	void equalsAndPrintsByFingerprint() throws Exception {
		Recipient a = Recipient.fromPem(key("openssl.pub"));
		Recipient b = Recipient.fromPem(key("openssl.pub"));
		assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotEqualTo(Recipient.fromPem(key("python.pub")));
		assertThat(a).hasToString(OPENSSL_FINGERPRINT);
	}

	@Test
	void refusesAP256Key() {
		assertInvalid(() -> Recipient.fromPem(key("p256.pub")), "not a P-384 key: curve secp256r1");
	}

	@Test
	void refusesAnEd25519Key() {
		assertInvalid(() -> Recipient.fromPem(key("ed25519.pub")), "not an EC key: Ed25519");
	}

	@Test
	void refusesExplicitCurveParameters() {
		assertInvalid(() -> Recipient.fromPem(key("explicit-params.pub")), "explicit curve parameters");
	}

	@Test
	void refusesAPrivateKeyWhereAPublicKeyBelongs() {
		assertInvalid(() -> Recipient.fromPem(key("openssl-pkcs8.pem")), "found PRIVATE KEY");
		assertInvalid(() -> Recipient.parse(key("openssl-pkcs8.pem")), "found PRIVATE KEY");
	}

	@Test
	void refusesAPointOffTheCurve() {
		byte[] point = validPoint();
		point[96] ^= 0x01;
		assertInvalid(() -> Recipient.fromPoint(point), "point is not on P-384");
	}

	@Test
	void refusesACoordinateNotReducedModP() {
		byte[] point = validPoint();
		System.arraycopy(P384.unsigned(P), 0, point, 1, 48);
		assertInvalid(() -> Recipient.fromPoint(point), "point is not on P-384");
	}

	@Test
	void refusesThePointAtInfinity() {
		assertInvalid(() -> Recipient.fromPoint(new byte[] { 0x00 }), "uncompressed");
		assertInvalid(() -> Recipient.fromPoint(new byte[0]), "empty");
	}

	@Test
	void refusesTheAllZeroPoint() {
		byte[] zero = new byte[97];
		zero[0] = 0x04;
		assertInvalid(() -> Recipient.fromPoint(zero), "point is not on P-384");
	}

	@Test
	void refusesCompressedPoints() {
		byte[] compressed = Arrays.copyOf(validPoint(), 49);
		compressed[0] = 0x02;
		assertInvalid(() -> Recipient.fromPoint(compressed), "compressed");
	}

	@ParameterizedTest
	@ValueSource(ints = { 96, 98, 65, 133 })
	void refusesPointsOfTheWrongLength(int length) {
		byte[] point = Arrays.copyOf(validPoint(), length);
		assertInvalid(() -> Recipient.fromPoint(point), "P-384 needs 97");
	}

	@Test
	void refusesTrailingBytesAfterTheSpki() {
		byte[] spki = Arrays.copyOf(validRecipient().spki(), 121);
		assertInvalid(() -> Recipient.fromSpki(spki), "SubjectPublicKeyInfo");
	}

	@Test
	void refusesSpkiThatIsNotDer() {
		// Outer SEQUENCE length 0x76 re-encoded in the long form 0x81 0x76: valid BER, not DER.
		byte[] spki = validRecipient().spki();
		byte[] ber = new byte[spki.length + 1];
		ber[0] = 0x30;
		ber[1] = (byte) 0x81;
		System.arraycopy(spki, 1, ber, 2, spki.length - 1);
		assertInvalid(() -> Recipient.fromSpki(ber), "not DER");
	}

	@Test
	void refusesGarbageSpki() {
		assertInvalid(() -> Recipient.fromSpki(new byte[] { 0x30, 0x03, 0x02, 0x01, 0x00 }), "SubjectPublicKeyInfo");
		assertInvalid(() -> Recipient.fromSpki(new byte[0]), "empty");
	}

	@Test
	void refusesANonEcJcaKey() throws Exception {
		KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
		rsa.initialize(2048);
		assertInvalid(() -> Recipient.of(rsa.generateKeyPair().getPublic()), "not an EC key: RSA");
	}

	@Test
	void refusesAJcaKeyOnAnotherCurve() throws Exception {
		KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
		ec.initialize(new ECGenParameterSpec("secp256r1"));
		assertInvalid(() -> Recipient.of(ec.generateKeyPair().getPublic()), "not a P-384 key: curve secp256r1");
		KeyPairGenerator bc = KeyPairGenerator.getInstance("EC", BOUNCY_CASTLE);
		bc.initialize(new ECGenParameterSpec("brainpoolP384r1"));
		assertInvalid(() -> Recipient.of(bc.generateKeyPair().getPublic()), "not a P-384 key: curve brainpoolP384r1");
	}

	@Test
	void refusesPemWithHeadersSecondBlocksOrBadBase64() {
		String pem = validRecipient().toPem();
		assertInvalid(() -> Recipient.fromPem(pem + pem), "more than one block");
		assertInvalid(() -> Recipient.fromPem(pem + "trailing"), "followed by more text");
		assertInvalid(() -> Recipient.fromPem(pem.replaceFirst("-----\n", "-----\nComment: x\n\n")), "malformed line");
		assertInvalid(() -> Recipient.fromPem(pem.replace("\n-----END", "=\n-----END")), "base64");
		assertInvalid(() -> Recipient.fromPem(pem.substring(0, pem.length() - 10)), "not terminated");
		assertInvalid(() -> Recipient.fromPem(""), "empty");
		assertInvalid(() -> Recipient.fromPem("x".repeat(70_000)), "too long");
	}

	@Test
	void parseRefusesTextThatIsNeitherPemNorJwk() {
		assertInvalid(() -> Recipient.parse("ssh-ed25519 AAAA"), "expected PEM");
		assertInvalid(() -> Recipient.parse("  "), "empty");
	}

	@Test
	void writesJwkWithFixedMembers() {
		Recipient recipient = validRecipient();
		assertThat(recipient.toJwk()).matches("\\{\"kty\":\"EC\",\"crv\":\"P-384\",\"x\":\"[A-Za-z0-9_-]{64}\",\"y\":\"[A-Za-z0-9_-]{64}\"}");
	}

	@Test
	void jwkIgnoresMetadataMembers() throws Exception {
		Recipient recipient = validRecipient();
		String jwk = recipient.toJwk().replace("{", "{\"kid\":\"k1\",\"use\":\"enc\",\"key_ops\":[],");
		assertThat(Recipient.fromJwk(jwk)).isEqualTo(recipient);
	}

	@Test
	void jwkRefusesWrongTypeOrCurve() {
		String jwk = validRecipient().toJwk();
		assertInvalid(() -> Recipient.fromJwk(jwk.replace("\"EC\"", "\"OKP\"")), "not an EC key: JWK kty is OKP");
		assertInvalid(() -> Recipient.fromJwk(jwk.replace("P-384", "P-256")), "not a P-384 key: curve P-256");
		assertInvalid(() -> Recipient.fromJwk(jwk.replace("\"crv\":\"P-384\",", "")), "no \"crv\"");
		assertInvalid(() -> Recipient.fromJwk(jwk.replace("\"P-384\"", "384")), "not a string");
	}

	@Test
	void jwkRefusesBadCoordinates() {
		Recipient recipient = validRecipient();
		String jwk = recipient.toJwk();
		String x = Base64Strict.encodeUrlUnpadded(P384.unsigned(recipient.publicKey().getW().getAffineX()));
		assertInvalid(() -> Recipient.fromJwk(jwk.replace(x, x + "=")), "not unpadded base64url");
		assertInvalid(() -> Recipient.fromJwk(jwk.replace(x, x.substring(4))), "has 45 bytes");
		assertInvalid(() -> Recipient.fromJwk(jwk.replace(x, "AAAA" + x)), "has 51 bytes");
		assertInvalid(() -> Recipient.fromJwk(jwk.replace(x, x.replace('A', 'B'))), "not on P-384");
	}

	@Test
	void jwkErrorsNeverEchoCoordinates() {
		Recipient recipient = validRecipient();
		String x = Base64Strict.encodeUrlUnpadded(P384.unsigned(recipient.publicKey().getW().getAffineX()));
		Throwable thrown = org.assertj.core.api.Assertions
			.catchThrowable(() -> Recipient.fromJwk(recipient.toJwk().replace(x, x.substring(1) + "B")));
		assertThat(thrown).isInstanceOf(InvalidKeyException.class);
		assertThat(thrown.getMessage()).doesNotContain(x.substring(1, 20));
	}

	@Test
	void jwkRefusesDuplicateMembersPrivateKeysAndNonObjects() {
		String jwk = validRecipient().toJwk();
		assertInvalid(() -> Recipient.fromJwk(jwk.replace("{", "{\"kty\":\"EC\",")), "duplicate");
		assertInvalid(() -> Recipient.fromJwk(jwk.replace("{", "{\"d\":\"AAAA\",")), "member \"d\" has 3 bytes");
		assertInvalid(() -> Recipient.fromJwk("[" + jwk + "]"), "not a JSON object");
		assertInvalid(() -> Recipient.fromJwk(jwk + "{}"), "not valid JSON");
		assertInvalid(() -> Recipient.fromJwk("{"), "not valid JSON");
	}

	@Test
	void jwkRefusesAPrivateKey() throws Exception {
		Identity identity = Identity.generate();
		String d = Base64Strict.encodeUrlUnpadded(P384.unsigned(identity.privateKey().getS()));
		String jwk = identity.recipient().toJwk().replace("}", ",\"d\":\"" + d + "\"}");
		assertThat(Jwk.parse(jwk).privateScalar()).isEqualTo(identity.privateKey().getS());
		assertInvalid(() -> Recipient.fromJwk(jwk), "contains a private key");
	}

	private static Recipient validRecipient() {
		try {
			return Recipient.fromPem(key("openssl.pub"));
		}
		catch (InvalidKeyException ex) {
			throw new AssertionError(ex);
		}
	}

	private static byte[] validPoint() {
		return validRecipient().point();
	}

	static String key(String name) {
		return TestResources.text("keys/" + name);
	}

	private static void assertInvalid(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String messagePart) {
		assertThatExceptionOfType(InvalidKeyException.class).isThrownBy(call).withMessageContaining(messagePart);
	}

}
