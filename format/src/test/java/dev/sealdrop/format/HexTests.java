package dev.sealdrop.format;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class HexTests {

	@Test
	void encodesLowercase() {
		assertThat(Hex.encode(new byte[] { 0x00, 0x0f, (byte) 0xab, (byte) 0xff })).isEqualTo("000fabff");
	}

	@Test
	void decodesWhatItEncodes() {
		byte[] all = new byte[256];
		for (int i = 0; i < 256; i++) {
			all[i] = (byte) i;
		}
		assertThat(Hex.decode(Hex.encode(all))).isEqualTo(all);
		assertThat(Hex.decode("")).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "AB", "aB", "0", "abc", "0g", " 00", "00 ", "0x00", "+0" })
	void rejectsAnythingButLowercasePairs(String text) {
		assertThatIllegalArgumentException().isThrownBy(() -> Hex.decode(text));
	}

}
