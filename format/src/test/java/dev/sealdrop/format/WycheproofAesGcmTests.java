package dev.sealdrop.format;

import java.util.List;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.sealdrop.format.TestResources.WycheproofCase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Project Wycheproof AES-GCM vectors for the parameters sealdrop uses (256-bit key, 96-bit nonce,
 * 128-bit tag) against the JDK's {@code AES/GCM/NoPadding}, which seals chunks, names and format 0
 * keys: valid cases encrypt and decrypt exactly, invalid ones are refused.
 */
class WycheproofAesGcmTests {

	private static final String FILE = "aes_gcm_test.json";

	static List<WycheproofCase> vectors() {
		return TestResources.wycheproof(FILE)
			.stream()
			.filter(c -> c.group().get("keySize").asInt() == 256 && c.group().get("ivSize").asInt() == 96
					&& c.group().get("tagSize").asInt() == 128)
			.toList();
	}

	@Test
	void loadsEveryVectorForSealdropsParameters() {
		assertThat(TestResources.wycheproof(FILE)).hasSize(TestResources.wycheproofCount(FILE));
		assertThat(vectors()).hasSize(66);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("vectors")
	void sealsAndOpensExactlyOrRefuses(WycheproofCase vector) throws Exception {
		byte[] key = Hex.decode(vector.hex("key"));
		byte[] iv = Hex.decode(vector.hex("iv"));
		byte[] aad = Hex.decode(vector.hex("aad"));
		byte[] msg = Hex.decode(vector.hex("msg"));
		byte[] sealed = Hex.decode(vector.hex("ct") + vector.hex("tag"));
		if (vector.result().equals("valid")) {
			assertThat(cipher(Cipher.ENCRYPT_MODE, key, iv, aad).doFinal(msg)).isEqualTo(sealed);
			assertThat(cipher(Cipher.DECRYPT_MODE, key, iv, aad).doFinal(sealed)).isEqualTo(msg);
		}
		else {
			assertThat(vector.result()).isEqualTo("invalid");
			assertThatExceptionOfType(AEADBadTagException.class)
				.isThrownBy(() -> cipher(Cipher.DECRYPT_MODE, key, iv, aad).doFinal(sealed));
		}
	}

	private static Cipher cipher(int mode, byte[] key, byte[] iv, byte[] aad) throws Exception {
		Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
		cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
		cipher.updateAAD(aad);
		return cipher;
	}

}
