package dev.sealdrop.format;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.sealdrop.format.TestResources.WycheproofCase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Project Wycheproof HKDF-SHA256 vectors against {@link Hkdf}, including empty salts and the maximal output size. */
class WycheproofHkdfTests {

	private static final String FILE = "hkdf_sha256_test.json";

	static List<WycheproofCase> vectors() {
		return TestResources.wycheproof(FILE);
	}

	@Test
	void loadsEveryVector() {
		assertThat(vectors()).hasSize(TestResources.wycheproofCount(FILE)).hasSizeGreaterThan(80);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("vectors")
	void derivesTheExpectedKeyOrRefusesTheSize(WycheproofCase vector) {
		byte[] ikm = Hex.decode(vector.hex("ikm"));
		byte[] salt = Hex.decode(vector.hex("salt"));
		byte[] info = Hex.decode(vector.hex("info"));
		int size = vector.test().get("size").asInt();
		if (vector.result().equals("valid")) {
			assertThat(Hex.encode(Hkdf.sha256(ikm, salt, info, size))).isEqualTo(vector.hex("okm"));
		}
		else {
			assertThat(vector.result()).isEqualTo("invalid");
			assertThatIllegalArgumentException().isThrownBy(() -> Hkdf.sha256(ikm, salt, info, size));
		}
	}

}
