package dev.sealdrop.format;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

import org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.crypto.digests.SHA3Digest;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link Pbes2}'s PBKDF2 against RFC 6070, the JDK's and Bouncy Castle's, and key files Bouncy Castle encrypts. */
class Pbes2Tests {

	private static final SecureRandom RANDOM = new SecureRandom();

	@ParameterizedTest
	@CsvSource({ "password, salt, 1, 20, 0c60c80f961f0e71f3a9b524af6012062fe037a6",
			"password, salt, 2, 20, ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957",
			"password, salt, 4096, 20, 4b007901b765489abead49d926f721d065a429c1",
			"passwordPASSWORDpassword, saltSALTsaltSALTsaltSALTsaltSALTsalt, 4096, 25, 3d2eec4fe41c849b80c8d83662c0e44a8b291a964cf2f07038" })
	void matchesRfc6070(String password, String salt, int iterations, int length, String expected) throws Exception {
		assertThat(Pbes2.pbkdf2("HmacSHA1", password.toCharArray(), salt.getBytes(StandardCharsets.US_ASCII), iterations,
				length)).isEqualTo(Hex.decode(expected));
	}

	@Test
	void matchesTheJdksPbkdf2ForSha2AndAnyPassphrase() throws Exception {
		for (String prf : new String[] { "SHA224", "SHA256", "SHA384", "SHA512" }) {
			for (String passphrase : new String[] { "correct-horse", "pässwörd-€", "x", "" }) {
				byte[] salt = new byte[1 + RANDOM.nextInt(40)];
				RANDOM.nextBytes(salt);
				int length = 1 + RANDOM.nextInt(100);
				byte[] expected = (passphrase.isEmpty()) ? null
						: SecretKeyFactory.getInstance("PBKDF2WithHmac" + prf)
							.generateSecret(new PBEKeySpec(passphrase.toCharArray(), salt, 7, 8 * length))
							.getEncoded();
				byte[] actual = Pbes2.pbkdf2("Hmac" + prf, passphrase.toCharArray(), salt, 7, length);
				if (expected != null) {
					assertThat(actual).as(prf + " " + passphrase).isEqualTo(expected);
				}
				assertThat(actual).isEqualTo(bouncyCastle(prf, passphrase, salt, 7, length));
			}
		}
	}

	@Test
	void matchesBouncyCastlesPbkdf2ForSha3() throws Exception {
		for (int bits : new int[] { 224, 256, 384, 512 }) {
			byte[] salt = new byte[16];
			RANDOM.nextBytes(salt);
			PKCS5S2ParametersGenerator generator = new PKCS5S2ParametersGenerator(new SHA3Digest(bits));
			generator.init("pässwörd".getBytes(StandardCharsets.UTF_8), salt, 1000);
			byte[] expected = ((KeyParameter) generator.generateDerivedParameters(8 * 40)).getKey();
			assertThat(Pbes2.pbkdf2("HmacSHA3-" + bits, "pässwörd".toCharArray(), salt, 1000, 40)).isEqualTo(expected);
		}
	}

	@Test
	void readsAKeyFileBouncyCastleEncryptedWithASha3Prf() throws Exception {
		Identity identity = Identity.generate();
		PrivateKeyInfo info = PrivateKeyInfo
			.getInstance(Pem.decode(identity.toPem(), "PRIVATE KEY"));
		var encryptor = new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_128_CBC)
			.setPRF(PKCS8Generator.PRF_HMACSHA3_256)
			.setIterationCount(2048)
			.setPassword("correct-horse".toCharArray())
			.setProvider(new BouncyCastleProvider())
			.build();
		byte[] der = new PKCS8Generator(info, encryptor).generate().getContent();
		byte[] decrypted = Pbes2.decrypt(EncryptedPrivateKeyInfo.getInstance(der), "correct-horse".toCharArray(), 10_000);
		assertThat(PrivateKeyInfo.getInstance(decrypted)).isEqualTo(info);
	}

	private static byte[] bouncyCastle(String prf, String passphrase, byte[] salt, int iterations, int length) {
		org.bouncycastle.crypto.Digest digest = switch (prf) {
			case "SHA224" -> new org.bouncycastle.crypto.digests.SHA224Digest();
			case "SHA256" -> new org.bouncycastle.crypto.digests.SHA256Digest();
			case "SHA384" -> new org.bouncycastle.crypto.digests.SHA384Digest();
			default -> new org.bouncycastle.crypto.digests.SHA512Digest();
		};
		PKCS5S2ParametersGenerator generator = new PKCS5S2ParametersGenerator(digest);
		generator.init(passphrase.getBytes(StandardCharsets.UTF_8), salt, iterations);
		return ((KeyParameter) generator.generateDerivedParameters(8 * length)).getKey();
	}

}
