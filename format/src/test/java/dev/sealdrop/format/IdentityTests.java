package dev.sealdrop.format;

import java.math.BigInteger;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;

import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.EncryptionScheme;
import org.bouncycastle.asn1.pkcs.KeyDerivationFunc;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assumptions.assumeThat;

class IdentityTests {

	private static final char[] PASSPHRASE = "correct-horse".toCharArray();

	private static final BigInteger N = P384.PARAMS.getOrder();

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "openssl-sec1.pem, openssl.pub, false", "openssl-pkcs8.pem, openssl.pub, false",
			"openssl-pkcs8-encrypted.pem, openssl.pub, true", "openssl-sec1-encrypted.pem, openssl.pub, true",
			"python-pkcs8.pem, python.pub, false", "python-pkcs8-encrypted.pem, python.pub, true",
			"python-sec1.pem, python.pub, false", "openssl-pkcs8-aes128-sha1.pem, openssl.pub, true",
			"openssl-pkcs8-aes192-sha512.pem, openssl.pub, true", "openssl-pkcs8-aes256-sha224.pem, openssl.pub, true",
			"openssl-pkcs8-des3-sha384.pem, openssl.pub, true", "pycryptodome-pkcs8.pem, pycryptodome.pub, false",
			"pycryptodome-pkcs8-encrypted.pem, pycryptodome.pub, true", "pycryptodome-sec1.pem, pycryptodome.pub, false" })
	void loadsKeysMadeByOtherToolsAndMatchesTheirPublicKey(String file, String publicFile, boolean encrypted)
			throws Exception {
		String pem = key(file);
		assertThat(Identity.needsPassphrase(pem)).isEqualTo(encrypted);
		Identity identity = Identity.fromPem(pem, encrypted ? PASSPHRASE : null);
		assertThat(identity.recipient()).isEqualTo(Recipient.fromPem(key(publicFile)));
		assertThat(identity.fingerprint()).isEqualTo(identity.recipient().fingerprint());
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "openssl-sec1-encrypted-utf8.pem", "openssl-pkcs8-encrypted-utf8.pem" })
	void readsKeysEncryptedWithAPassphraseBeyondAsciiAsOpenSslDoes(String file) throws Exception {
		Identity identity = Identity.fromPem(key(file), "pässwörd-€".toCharArray());
		assertThat(identity.recipient()).isEqualTo(Recipient.fromPem(key("openssl.pub")));
		assertInvalid(() -> Identity.fromPem(key(file), "passwort-€".toCharArray()), "wrong passphrase");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "openssl-pkcs8-encrypted.pem", "openssl-sec1-encrypted.pem", "python-pkcs8-encrypted.pem",
			"openssl-pkcs8-aes128-sha1.pem", "openssl-pkcs8-des3-sha384.pem", "pycryptodome-pkcs8-encrypted.pem" })
	void refusesAWrongPassphrase(String file) {
		assertInvalid(() -> Identity.fromPem(key(file), "wrong-horse".toCharArray()), "wrong passphrase");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "openssl-pkcs8-encrypted.pem", "openssl-sec1-encrypted.pem" })
	void asksForAPassphraseForAnEncryptedKey(String file) {
		assertInvalid(() -> Identity.fromPem(key(file), null), "a passphrase is needed");
	}

	@Test
	void refusesAKeyEncryptedWithScryptBeforeSpendingItsCost() {
		assertInvalid(() -> Identity.fromPem(key("openssl-pkcs8-scrypt.pem"), PASSPHRASE), "only PBKDF2 is accepted");
	}

	@Test
	void refusesAPrivateKeyWhoseOptionalPublicKeyFieldIsMistaggedWithoutAnUncheckedException() {
		// found by fuzzing PKCS#8 encodings: Bouncy Castle throws IllegalStateException lazily here
		byte[] der = java.util.HexFormat.of().parseHex("3081b6020100301006072a8648ce3d020106052b8104002204819e30819b"
				+ "02010104302468b837020647672e50023a23e2d309a5aa6ef874896cd63eb338dacf02cc9aea74e215e0eff5d4de631d011f"
				+ "1878a0a164de62000463f90dfc658624955f03f3b7c94186d907b2e88133840c773582265508befa46d806822536d36d2872"
				+ "c0a803e8ee669dac0d101c4a6058a6c3cc805279814f7b5e8e4e7477c491a444830e2a710ef0c0aa534d1fd97b9c5c668822"
				+ "b234d9bbd8");
		String pem = "-----BEGIN PRIVATE KEY-----\n"
				+ java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
				+ "\n-----END PRIVATE KEY-----\n";
		assertInvalid(() -> Identity.fromPem(pem, null), "not a valid EC private key structure");
	}

	@Test
	void refusesAP256Key() {
		assertInvalid(() -> Identity.fromPem(key("p256-pkcs8.pem"), null), "not a P-384 key: curve secp256r1");
	}

	@Test
	void refusesAnEd25519Key() {
		assertInvalid(() -> Identity.fromPem(key("ed25519-pkcs8.pem"), null), "not an EC key: Ed25519");
	}

	@Test
	void refusesExplicitCurveParameters() {
		assertInvalid(() -> Identity.fromPem(key("explicit-params-sec1.pem"), null), "explicit curve parameters");
	}

	@Test
	void refusesAPublicKey() {
		assertInvalid(() -> Identity.fromPem(key("openssl.pub"), null), "this is a public key");
	}

	@Test
	void refusesTwoKeysInOneText() {
		assertInvalid(() -> Identity.fromPem(key("openssl-pkcs8.pem") + key("python-pkcs8.pem"), null), "more than one key");
	}

	@Test
	void refusesTextWithoutAKey() {
		assertInvalid(() -> Identity.fromPem("hello", null), "no private key found");
		assertInvalid(() -> Identity.fromPem("", null), "empty");
		assertInvalid(() -> Identity.fromPem("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n", null), "PEM");
	}

	@Test
	void refusesAStoredPublicKeyThatDoesNotBelongToThePrivateKey() throws Exception {
		BigInteger d = Identity.fromPem(key("openssl-pkcs8.pem"), null).privateKey().getS();
		byte[] otherPoint = Recipient.fromPem(key("python.pub")).point();
		String sec1 = Pem.encode("EC PRIVATE KEY", new org.bouncycastle.asn1.sec.ECPrivateKey(384, d,
				new DERBitString(otherPoint), SECObjectIdentifiers.secp384r1).getEncoded());
		assertInvalid(() -> Identity.fromPem(sec1, null), "does not belong to it");
	}

	@Test
	void acceptsAStoredPublicKeyThatBelongsToThePrivateKey() throws Exception {
		Identity identity = Identity.generate();
		String sec1 = Pem.encode("EC PRIVATE KEY", new org.bouncycastle.asn1.sec.ECPrivateKey(384,
				identity.privateKey().getS(), new DERBitString(identity.recipient().point()), SECObjectIdentifiers.secp384r1)
			.getEncoded());
		assertThat(Identity.fromPem(sec1, null).recipient()).isEqualTo(identity.recipient());
	}

	@ParameterizedTest(name = "d = {0}")
	@CsvSource({ "zero", "n", "n+1" })
	void refusesAScalarOutOfRange(String which) {
		BigInteger d = switch (which) {
			case "zero" -> BigInteger.ZERO;
			case "n" -> N;
			default -> N.add(BigInteger.ONE);
		};
		assertInvalid(() -> Identity.fromPem(pkcs8(d), null), "out of range");
	}

	@Test
	void refusesAJcaKeyOnAnotherCurve() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp256r1"));
		assertInvalid(() -> Identity.of((ECPrivateKey) generator.generateKeyPair().getPrivate()), "not a P-384 key");
		assertInvalid(() -> Identity.of(null), "no private key");
	}

	@Test
	void derivesThePublicKeyFromAJcaPrivateKey() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp384r1"));
		var pair = generator.generateKeyPair();
		assertThat(Identity.of((ECPrivateKey) pair.getPrivate()).recipient()).isEqualTo(Recipient.of(pair.getPublic()));
	}

	@Test
	void generatesDistinctKeysThatRoundTripThroughPem() throws Exception {
		Identity identity = Identity.generate();
		assertThat(Identity.generate().fingerprint()).isNotEqualTo(identity.fingerprint());
		String pem = identity.toPem();
		assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("-----END PRIVATE KEY-----\n");
		assertThat(Identity.needsPassphrase(pem)).isFalse();
		assertThat(Identity.fromPem(pem, null).recipient()).isEqualTo(identity.recipient());
	}

	@Test
	void encryptsWithPbes2Pbkdf2Sha256AndAes256Cbc() throws Exception {
		Identity identity = Identity.generate();
		String pem = identity.toEncryptedPem(PASSPHRASE);
		assertThat(Identity.needsPassphrase(pem)).isTrue();
		EncryptedPrivateKeyInfo info = EncryptedPrivateKeyInfo
			.getInstance(Pem.decode(pem, "ENCRYPTED PRIVATE KEY"));
		AlgorithmIdentifier scheme = info.getEncryptionAlgorithm();
		assertThat(scheme.getAlgorithm()).isEqualTo(PKCSObjectIdentifiers.id_PBES2);
		PBES2Parameters pbes2 = PBES2Parameters.getInstance(scheme.getParameters());
		assertThat(pbes2.getEncryptionScheme().getAlgorithm()).isEqualTo(NISTObjectIdentifiers.id_aes256_CBC);
		PBKDF2Params kdf = PBKDF2Params.getInstance(pbes2.getKeyDerivationFunc().getParameters());
		assertThat(kdf.getPrf().getAlgorithm()).isEqualTo(PKCSObjectIdentifiers.id_hmacWithSHA256);
		assertThat(kdf.getIterationCount().intValue()).isEqualTo(PrivateKeyPem.PBKDF2_ITERATIONS);
		assertThat(Identity.fromPem(pem, PASSPHRASE).recipient()).isEqualTo(identity.recipient());
		assertInvalid(() -> Identity.fromPem(pem, "Correct-horse".toCharArray()), "wrong passphrase");
	}

	@Test
	void refusesAKeyFileThatAsksForAnAbsurdIterationCount() throws Exception {
		EncryptedPrivateKeyInfo info = opensslEncrypted();
		PBES2Parameters pbes2 = pbes2(info);
		PBKDF2Params kdf = pbkdf2(pbes2);
		PBKDF2Params slow = new PBKDF2Params(kdf.getSalt(), Integer.MAX_VALUE, kdf.getPrf());
		String pem = withPbes2(info, slow, pbes2.getEncryptionScheme());
		assertInvalid(() -> Identity.fromPem(pem, PASSPHRASE), "PBKDF2 iterations");
	}

	@Test
	void refusesPbes2WithACipherOrPrfItDoesNotRead() throws Exception {
		EncryptedPrivateKeyInfo info = opensslEncrypted();
		PBES2Parameters pbes2 = pbes2(info);
		PBKDF2Params kdf = pbkdf2(pbes2);
		// AES-256 in CFB mode, and HMAC-SHA512/256 as the PRF: valid PBES2, not read here
		assertInvalid(() -> Identity.fromPem(withPbes2(info, kdf, new EncryptionScheme(NISTObjectIdentifiers.id_aes256_CFB,
				pbes2.getEncryptionScheme().getParameters())), PASSPHRASE), "unsupported cipher");
		PBKDF2Params otherPrf = new PBKDF2Params(kdf.getSalt(), 2048,
				new AlgorithmIdentifier(PKCSObjectIdentifiers.id_hmacWithSHA512_256, DERNull.INSTANCE));
		assertInvalid(() -> Identity.fromPem(withPbes2(info, otherPrf, pbes2.getEncryptionScheme()), PASSPHRASE),
				"unsupported PRF");
	}

	@Test
	void refusesPbes2ParametersOutOfRange() throws Exception {
		EncryptedPrivateKeyInfo info = opensslEncrypted();
		PBES2Parameters pbes2 = pbes2(info);
		PBKDF2Params kdf = pbkdf2(pbes2);
		EncryptionScheme scheme = pbes2.getEncryptionScheme();
		// a key length that does not fit AES-256, an 8-byte IV, an empty salt
		assertInvalid(() -> Identity.fromPem(withPbes2(info, new PBKDF2Params(kdf.getSalt(), 2048, 16, kdf.getPrf()), scheme),
				PASSPHRASE), "out of range");
		assertInvalid(() -> Identity.fromPem(withPbes2(info, kdf,
				new EncryptionScheme(NISTObjectIdentifiers.id_aes256_CBC, new DEROctetString(new byte[8]))), PASSPHRASE),
				"out of range");
		assertInvalid(() -> Identity.fromPem(withPbes2(info, new PBKDF2Params(new byte[0], 2048, kdf.getPrf()), scheme),
				PASSPHRASE), "out of range");
	}

	@Test
	void writesEncryptedKeysThatBouncyCastlesOwnDecryptorReads() throws Exception {
		// an implementation other than the one that wrote it: Bouncy Castle's PKCS#8 decryptor
		Identity identity = Identity.generate();
		byte[] der = Pem.decode(identity.toEncryptedPem(PASSPHRASE), "ENCRYPTED PRIVATE KEY");
		PrivateKeyInfo decrypted = new PKCS8EncryptedPrivateKeyInfo(der).decryptPrivateKeyInfo(
				new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(new BouncyCastleProvider()).build(PASSPHRASE));
		assertThat(Identity.fromPem(Pem.encode("PRIVATE KEY", decrypted.getEncoded()), null).recipient())
			.isEqualTo(identity.recipient());
	}

	private static EncryptedPrivateKeyInfo opensslEncrypted() throws InvalidKeyException {
		return EncryptedPrivateKeyInfo.getInstance(Pem.decode(key("openssl-pkcs8-encrypted.pem"), "ENCRYPTED PRIVATE KEY"));
	}

	private static PBES2Parameters pbes2(EncryptedPrivateKeyInfo info) {
		return PBES2Parameters.getInstance(info.getEncryptionAlgorithm().getParameters());
	}

	private static PBKDF2Params pbkdf2(PBES2Parameters pbes2) {
		return PBKDF2Params.getInstance(pbes2.getKeyDerivationFunc().getParameters());
	}

	/** {@code info}'s encrypted data under other PBES2 parameters, as PEM. */
	private static String withPbes2(EncryptedPrivateKeyInfo info, PBKDF2Params kdf, EncryptionScheme scheme) {
		PBES2Parameters pbes2 = new PBES2Parameters(new KeyDerivationFunc(PKCSObjectIdentifiers.id_PBKDF2, kdf), scheme);
		return Pem.encode("ENCRYPTED PRIVATE KEY", encode(new EncryptedPrivateKeyInfo(
				new AlgorithmIdentifier(PKCSObjectIdentifiers.id_PBES2, pbes2), info.getEncryptedData())));
	}

	private static byte[] encode(EncryptedPrivateKeyInfo info) {
		try {
			return info.getEncoded();
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	@Test
	void refusesAnEmptyPassphraseForEncryption() {
		Identity identity = Identity.generate();
		assertThatIllegalArgumentException().isThrownBy(() -> identity.toEncryptedPem(new char[0]));
	}

	@Test
	void writesThePrivateKeyFileOwnerOnly(@TempDir Path directory) throws Exception {
		assumeThat(directory.getFileSystem().supportedFileAttributeViews()).contains("posix");
		Identity identity = Identity.generate();
		Path file = directory.resolve("me.key");
		identity.writePrivate(file, null, false);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		assertThat(Identity.read(file, null).recipient()).isEqualTo(identity.recipient());
		try (var listing = Files.list(directory)) {
			assertThat(listing).containsExactly(file);
		}
	}

	@Test
	void neverPutsAKeyFileInThePlaceOfALinkEvenWhenAskedToOverwrite(@TempDir Path directory) throws Exception {
		Path elsewhere = Files.writeString(directory.resolve("notes.txt"), "precious");
		Path link = Files.createSymbolicLink(directory.resolve("me.key"), elsewhere);
		Identity identity = Identity.generate();
		assertThatExceptionOfType(FileSystemException.class).isThrownBy(() -> identity.writePrivate(link, null, true))
			.withMessageContaining("not a regular file");
		assertThat(Files.isSymbolicLink(link)).isTrue();
		assertThat(Files.readString(elsewhere)).isEqualTo("precious");
		try (var listing = Files.list(directory)) {
			assertThat(listing).containsExactlyInAnyOrder(link, elsewhere);
		}
	}

	@Test
	void refusesToOverwriteAKeyFileUnlessAsked(@TempDir Path directory) throws Exception {
		Path file = directory.resolve("me.key");
		Files.writeString(file, "precious");
		Identity identity = Identity.generate();
		assertThatExceptionOfType(FileAlreadyExistsException.class)
			.isThrownBy(() -> identity.writePrivate(file, null, false));
		assertThat(Files.readString(file)).isEqualTo("precious");
		identity.writePrivate(file, null, true);
		assertThat(Identity.read(file, null).recipient()).isEqualTo(identity.recipient());
		try (var listing = Files.list(directory)) {
			assertThat(listing).containsExactly(file);
		}
	}

	@Test
	void writesAnEncryptedKeyFile(@TempDir Path directory) throws Exception {
		Identity identity = Identity.generate();
		Path file = directory.resolve("me.key");
		identity.writePrivate(file, PASSPHRASE, false);
		assertThat(Files.readString(file)).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----\n");
		assertThat(Identity.read(file, PASSPHRASE).recipient()).isEqualTo(identity.recipient());
	}

	@Test
	void readNamesTheFileInErrors(@TempDir Path directory) throws Exception {
		Path file = directory.resolve("p256.key");
		Files.writeString(file, key("p256-pkcs8.pem"));
		assertInvalid(() -> Identity.read(file, null), file + ": not a P-384 key");
	}

	@Test
	void readRefusesHugeAndBinaryFiles(@TempDir Path directory) throws Exception {
		Path huge = directory.resolve("huge");
		Files.write(huge, new byte[100_000]);
		assertInvalid(() -> Identity.read(huge, null), "too large");
		Path binary = directory.resolve("binary");
		Files.write(binary, new byte[] { (byte) 0xff, (byte) 0xfe, 0x00 });
		assertThatExceptionOfType(InvalidKeyException.class).isThrownBy(() -> Identity.read(binary, null));
		assertThatExceptionOfType(NoSuchFileException.class).isThrownBy(() -> Identity.read(directory.resolve("none"), null));
	}

	@Test
	void neverPrintsKeyMaterial() throws Exception {
		Identity identity = Identity.fromPem(key("openssl-pkcs8.pem"), null);
		String scalarHex = Hex.encode(identity.scalar());
		assertThat(identity.toString()).contains(identity.fingerprint().toString())
			.doesNotContain(scalarHex.substring(0, 16))
			.doesNotContain(identity.privateKey().getS().toString());
	}

	@Test
	void isUnusableOnceDestroyed() {
		Identity identity = Identity.generate();
		identity.destroy();
		assertThat(identity.isDestroyed()).isTrue();
		assertThatIllegalStateException().isThrownBy(identity::privateKey);
		assertThatIllegalStateException().isThrownBy(identity::toPem);
		assertThat(identity.fingerprint()).isNotNull();
	}

	@Test
	void agreesOnTheSameSharedSecretFromBothSides() {
		Identity alice = Identity.generate();
		Identity bob = Identity.generate();
		byte[] secret = Ecdh.sharedSecretX(alice, bob.recipient());
		assertThat(secret).hasSize(48).isEqualTo(Ecdh.sharedSecretX(bob, alice.recipient()));
	}

	private static String pkcs8(BigInteger d) throws Exception {
		var ec = new org.bouncycastle.asn1.sec.ECPrivateKey(384, d, null);
		var info = new PrivateKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, SECObjectIdentifiers.secp384r1), ec);
		return Pem.encode("PRIVATE KEY", info.getEncoded());
	}

	private static String key(String name) {
		return TestResources.text("keys/" + name);
	}

	private static void assertInvalid(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String messagePart) {
		assertThatExceptionOfType(InvalidKeyException.class).isThrownBy(call).withMessageContaining(messagePart);
	}

}
