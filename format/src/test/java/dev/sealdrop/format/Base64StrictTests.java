package dev.sealdrop.format;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class Base64StrictTests {

	@Test
	void roundTripsEveryLengthModuloThree() {
		for (int n = 0; n < 8; n++) {
			byte[] bytes = new byte[n];
			for (int i = 0; i < n; i++) {
				bytes[i] = (byte) (0xf0 + i);
			}
			assertThat(Base64Strict.decode(Base64Strict.encode(bytes))).isEqualTo(bytes);
		}
	}

	@Test
	void decodesRfc4648Examples() {
		assertThat(Base64Strict.decode("Zm9vYg==")).isEqualTo("foob".getBytes());
		assertThat(Base64Strict.decode("Zm9vYmE=")).isEqualTo("fooba".getBytes());
		assertThat(Base64Strict.decode("")).isEmpty();
	}

	@Test
	void rejectsMissingPadding() {
		assertThatIllegalArgumentException().isThrownBy(() -> Base64Strict.decode("Zm9vYg"));
	}

	@Test
	void rejectsNonCanonicalTrailingBits() {
		// "Zm9vYh==" decodes to "foob" too, with non-zero discarded bits
		assertThatIllegalArgumentException().isThrownBy(() -> Base64Strict.decode("Zm9vYh=="));
	}

	@ParameterizedTest
	@ValueSource(strings = { "Zm9v\nYg==", "Zm9v Yg==", " Zm9vYg==", "Zm9vYg==\n", "Zm9vYg==\r\n" })
	void rejectsWhitespace(String text) {
		assertThatIllegalArgumentException().isThrownBy(() -> Base64Strict.decode(text));
	}

	@Test
	void rejectsUrlAlphabet() {
		assertThat(Base64Strict.decode("+/+/")).hasSize(3);
		assertThatIllegalArgumentException().isThrownBy(() -> Base64Strict.decode("-_-_"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "Zm9vYg=", "Zm9vYg===", "Zm9=vYg=", "Z", "Zm9vY*==" })
	void rejectsBrokenPaddingAndCharacters(String text) {
		assertThatIllegalArgumentException().isThrownBy(() -> Base64Strict.decode(text));
	}

	@Test
	void rejectsNull() {
		assertThatIllegalArgumentException().isThrownBy(() -> Base64Strict.decode(null));
	}

	@Test
	void urlUnpaddedAcceptsOnlyCanonicalUnpaddedUrlAlphabet() {
		assertThat(Base64Strict.decodeUrlUnpadded("-_8")).containsExactly(0xfb, 0xff);
		assertThatIllegalArgumentException().isThrownBy(() -> Base64Strict.decodeUrlUnpadded("-_8="));
		assertThatIllegalArgumentException().isThrownBy(() -> Base64Strict.decodeUrlUnpadded("+/8"));
		assertThatIllegalArgumentException().isThrownBy(() -> Base64Strict.decodeUrlUnpadded("-_9"));
	}

}
