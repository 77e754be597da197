package dev.sealdrop.format;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class FingerprintTests {

	private static final String TEXT = "sha256:bad97a5d887eedbb12109bea8c198baf3edca32e6d27bdb5229e90d70f1731bc";

	@Test
	void isTheSha256OfTheSpki() {
		// FIPS 180-4 example: SHA-256("abc")
		assertThat(Fingerprint.of("abc".getBytes())).hasToString(
				"sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	}

	@Test
	void parsesItsTextForm() throws Exception {
		Fingerprint fingerprint = Fingerprint.parse(TEXT);
		assertThat(fingerprint).hasToString(TEXT);
		assertThat(fingerprint.toString()).hasSize(71);
		assertThat(fingerprint.kid()).isEqualTo("bad97a5d887eedbb");
		assertThat(fingerprint.bytes()).hasSize(32);
		assertThat(fingerprint).isEqualTo(Fingerprint.parse(TEXT)).hasSameHashCodeAs(Fingerprint.parse(TEXT));
	}

	@Test
	void handsOutCopiesOfItsBytes() throws Exception {
		Fingerprint fingerprint = Fingerprint.parse(TEXT);
		fingerprint.bytes()[0] = 0;
		assertThat(fingerprint).hasToString(TEXT);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "sha256:", "bad97a5d887eedbb12109bea8c198baf3edca32e6d27bdb5229e90d70f1731bc",
			"SHA256:bad97a5d887eedbb12109bea8c198baf3edca32e6d27bdb5229e90d70f1731bc",
			"sha256:BAD97A5D887EEDBB12109BEA8C198BAF3EDCA32E6D27BDB5229E90D70F1731BC",
			"sha256:bad97a5d887eedbb12109bea8c198baf3edca32e6d27bdb5229e90d70f1731b",
			"sha256:bad97a5d887eedbb12109bea8c198baf3edca32e6d27bdb5229e90d70f1731bc0",
			"sha256:bad97a5d887eedbb12109bea8c198baf3edca32e6d27bdb5229e90d70f1731bg",
			" sha256:bad97a5d887eedbb12109bea8c198baf3edca32e6d27bdb5229e90d70f1731b",
			"sha512:bad97a5d887eedbb12109bea8c198baf3edca32e6d27bdb5229e90d70f1731bc" })
	void refusesAnythingButTheCanonicalTextForm(String text) {
		assertThatExceptionOfType(InvalidKeyException.class).isThrownBy(() -> Fingerprint.parse(text));
	}

	@Test
	void refusesNull() {
		assertThatExceptionOfType(InvalidKeyException.class).isThrownBy(() -> Fingerprint.parse(null));
	}

}
