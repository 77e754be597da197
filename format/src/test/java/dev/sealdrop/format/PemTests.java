package dev.sealdrop.format;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PemTests {

	private static final byte[] DER = new byte[120];

	static {
		for (int i = 0; i < DER.length; i++) {
			DER[i] = (byte) (i * 7);
		}
	}

	@Test
	void encodesSixtyFourColumnLinesWithNewlines() {
		String pem = Pem.encode("PUBLIC KEY", DER);
		String[] lines = pem.split("\n", -1);
		assertThat(lines).hasSize(6);
		assertThat(lines[0]).isEqualTo("-----BEGIN PUBLIC KEY-----");
		assertThat(lines[1]).hasSize(64);
		assertThat(lines[2]).hasSize(64);
		assertThat(lines[3]).hasSize(32);
		assertThat(lines[4]).isEqualTo("-----END PUBLIC KEY-----");
		assertThat(lines[5]).isEmpty();
		assertThat(pem).doesNotContain("\r");
	}

	@Test
	void canonicalDecodingReadsWhatEncodingWrites() {
		assertThat(Pem.decodeCanonical(Pem.encode("PUBLIC KEY", DER), "PUBLIC KEY")).isEqualTo(DER);
	}

	@Test
	void canonicalDecodingRefusesEveryOtherSpelling() {
		String pem = Pem.encode("PUBLIC KEY", DER);
		assertRefused(pem.replace("\n", "\r\n"));
		assertRefused(pem.substring(0, pem.length() - 1));
		assertRefused(pem + "\n");
		assertRefused(" " + pem);
		assertRefused(pem.replace("PUBLIC KEY", "EC PUBLIC KEY"));
		// the same base64 with the first line break moved: 65 + 63 columns
		int firstBreak = pem.indexOf('\n', 27 + 1);
		String moved = pem.substring(0, firstBreak) + pem.charAt(firstBreak + 1) + "\n" + pem.substring(firstBreak + 2);
		assertThat(moved).isNotEqualTo(pem).hasSameSizeAs(pem);
		assertRefused(moved);
		assertRefused(pem.replace("\n-----END", "\n\n-----END"));
		assertRefused(null);
	}

	@Test
	void lenientDecodingStillRefusesOtherLabels() {
		assertThat(org.assertj.core.api.Assertions.catchThrowable(
				() -> Pem.decode(Pem.encode("EC PUBLIC KEY", DER), "PUBLIC KEY")))
			.isInstanceOf(InvalidKeyException.class)
			.hasMessageContaining("found EC PUBLIC KEY");
	}

	private static void assertRefused(String text) {
		assertThatIllegalArgumentException().isThrownBy(() -> Pem.decodeCanonical(text, "PUBLIC KEY"));
	}

}
