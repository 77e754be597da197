package dev.sealdrop.format;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** RFC 5869 appendix A and the edge cases sealdrop relies on; Wycheproof covers the rest. */
class HkdfTests {

	@Test
	void derivesRfc5869TestCase1() {
		byte[] okm = Hkdf.sha256(Hex.decode("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b"), Hex.decode("000102030405060708090a0b0c"),
				Hex.decode("f0f1f2f3f4f5f6f7f8f9"), 42);
		assertThat(Hex.encode(okm)).isEqualTo(
				"3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
	}

	@Test
	void treatsAMissingSaltAndInfoAsRfc5869TestCase3Does() {
		String expected = "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8";
		byte[] ikm = Hex.decode("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b");
		assertThat(Hex.encode(Hkdf.sha256(ikm, new byte[0], new byte[0], 42))).isEqualTo(expected);
		assertThat(Hex.encode(Hkdf.sha256(ikm, null, null, 42))).isEqualTo(expected);
		assertThat(Hex.encode(Hkdf.sha256(ikm, new byte[32], null, 42))).isEqualTo(expected);
	}

	@Test
	void refusesLengthsOutsideTheRfcBounds() {
		assertThatIllegalArgumentException().isThrownBy(() -> Hkdf.sha256(new byte[32], null, null, 255 * 32 + 1));
		assertThatIllegalArgumentException().isThrownBy(() -> Hkdf.sha256(new byte[32], null, null, -1));
		assertThat(Hkdf.sha256(new byte[32], null, null, 255 * 32)).hasSize(8160);
	}

}
