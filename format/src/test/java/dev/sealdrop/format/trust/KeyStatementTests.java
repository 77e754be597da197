package dev.sealdrop.format.trust;

import java.time.Instant;
import java.util.Base64;

import dev.sealdrop.format.Identity;
import dev.sealdrop.format.Recipient;
import dev.sealdrop.format.trust.TrustException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyStatementTests {

	private final Recipient key = Identity.generate().recipient();

	private final KeyStatement statement = new KeyStatement(this.key, Instant.parse("2026-11-23T05:00:00Z"),
			Instant.parse("2027-11-23T05:00:00Z"), KeyStatement.Status.CURRENT);

	@Test
	void textIsExactlyTheDocumentedForm() {
		String fingerprint = this.key.fingerprint().toString();
		assertThat(this.statement.toText()).isEqualTo("sealdrop-key-statement/1\n"
				+ "kid:" + fingerprint.substring(7, 23) + "\n"
				+ "fingerprint:" + fingerprint + "\n"
				+ "spki:" + Base64.getEncoder().encodeToString(this.key.spki()) + "\n"
				+ "not_before:2026-11-23T05:00:00Z\n"
				+ "not_after:2027-11-23T05:00:00Z\n"
				+ "status:current\n");
		assertThat(this.statement.toBytes()).isEqualTo(this.statement.toText().getBytes(java.nio.charset.StandardCharsets.UTF_8));
	}

	@Test
	void parseReturnsTheSameStatement() throws TrustException {
		assertThat(KeyStatement.parse(this.statement.toText())).isEqualTo(this.statement);
		KeyStatement retired = new KeyStatement(this.key, this.statement.notBefore(), this.statement.notAfter(),
				KeyStatement.Status.RETIRED);
		assertThat(retired.toText()).endsWith("\nstatus:retired\n");
		assertThat(KeyStatement.parse(retired.toText())).isEqualTo(retired);
	}

	@Test
	void fractionalSecondsAreDroppedOnConstruction() {
		KeyStatement precise = new KeyStatement(this.key, Instant.parse("2026-11-23T05:00:00.999Z"),
				Instant.parse("2027-11-23T05:00:00.5Z"), KeyStatement.Status.CURRENT);
		assertThat(precise).isEqualTo(this.statement);
	}

	@Test
	void emptyValidityWindowIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new KeyStatement(this.key, this.statement.notAfter(),
				this.statement.notAfter(), KeyStatement.Status.CURRENT));
	}

	@Test
	void validityWindowIncludesNotBeforeAndExcludesNotAfter() {
		assertThat(this.statement.isValidAt(this.statement.notBefore())).isTrue();
		assertThat(this.statement.isValidAt(this.statement.notBefore().minusSeconds(1))).isFalse();
		assertThat(this.statement.isValidAt(this.statement.notAfter().minusSeconds(1))).isTrue();
		assertThat(this.statement.isValidAt(this.statement.notAfter())).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "\n", "sealdrop-key-statement/2\n", "sealdrop-key-statement/1\n" })
	void truncatedOrForeignTextIsMalformed(String text) {
		assertMalformed(text);
	}

	@Test
	void missingFinalLineFeedIsMalformed() {
		String text = this.statement.toText();
		assertMalformed(text.substring(0, text.length() - 1));
	}

	@Test
	void extraLineIsMalformed() {
		assertMalformed(this.statement.toText() + "comment:hello\n");
		assertMalformed(this.statement.toText() + "\n");
	}

	@Test
	void crlfLineEndingsAreMalformed() {
		assertMalformed(this.statement.toText().replace("\n", "\r\n"));
	}

	@Test
	void fieldsInAnotherOrderAreMalformed() {
		String text = this.statement.toText();
		String[] lines = text.split("\n");
		String swapped = lines[0] + "\n" + lines[2] + "\n" + lines[1] + "\n" + lines[3] + "\n" + lines[4] + "\n" + lines[5]
				+ "\n" + lines[6] + "\n";
		assertMalformed(swapped);
	}

	@Test
	void spaceAfterTheColonIsMalformed() {
		assertMalformed(this.statement.toText().replace("status:current", "status: current"));
	}

	@Test
	void kidOfAnotherKeyIsMalformed() {
		assertMalformed(this.statement.toText().replace("kid:" + this.statement.kid(), "kid:0000000000000000"));
	}

	@Test
	void upperCaseHexIsMalformed() {
		String fingerprint = this.statement.fingerprint().toString();
		String upper = "sha256:" + fingerprint.substring(7).toUpperCase(java.util.Locale.ROOT);
		if (!upper.equals(fingerprint)) {
			assertMalformed(this.statement.toText().replace(fingerprint, upper));
		}
		else {
			assertMalformed(this.statement.toText().replace(fingerprint, "sha256:" + "A".repeat(64)));
		}
	}

	@Test
	void fingerprintOfAnotherKeyIsMalformed() {
		Recipient other = Identity.generate().recipient();
		assertMalformed(this.statement.toText()
			.replace(this.statement.fingerprint().toString(), other.fingerprint().toString()));
	}

	@Test
	void spkiThatIsNotAP384KeyIsMalformed() {
		String spki = Base64.getEncoder().encodeToString(this.key.spki());
		byte[] broken = this.key.spki();
		broken[broken.length - 1] ^= 1; // moves the point off the curve
		assertMalformed(this.statement.toText().replace(spki, Base64.getEncoder().encodeToString(broken)));
	}

	@Test
	void nonCanonicalBase64IsMalformed() {
		String spki = Base64.getEncoder().encodeToString(this.key.spki());
		assertMalformed(this.statement.toText().replace(spki, Base64.getMimeEncoder(64, new byte[] { ' ' }).encodeToString(this.key.spki())));
		// the URL alphabet differs only where the standard one has '+' or '/': a random key has none
		// about once in 60 runs, and then there is nothing non-canonical to test
		String url = Base64.getUrlEncoder().encodeToString(this.key.spki());
		if (!url.equals(spki)) {
			assertMalformed(this.statement.toText().replace(spki, url));
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "2026-11-23T05:00:00.000Z", "2026-11-23T05:00:00+00:00", "2026-11-23 05:00:00Z",
			"2026-11-23t05:00:00z", "2026-02-30T05:00:00Z", "2026-11-23T24:00:00Z", "+2026-11-23T05:00:00Z",
			"2026-11-23T05:00Z", "" })
	void timesOtherThanWholeSecondUtcAreMalformed(String time) {
		assertMalformed(this.statement.toText().replace("not_before:2026-11-23T05:00:00Z", "not_before:" + time));
	}

	@Test
	void notAfterBeforeNotBeforeIsMalformed() {
		assertMalformed(this.statement.toText().replace("not_after:2027-11-23T05:00:00Z", "not_after:2025-11-23T05:00:00Z"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "Current", "CURRENT", "revoked", "" })
	void unknownStatusIsMalformed(String status) {
		assertMalformed(this.statement.toText().replace("status:current", "status:" + status));
	}

	@Test
	void nonAsciiIsMalformed() {
		assertMalformed(this.statement.toText().replace("status:current", "status:currént"));
	}

	@Test
	void overlongTextIsMalformed() {
		assertMalformed(this.statement.toText() + "x".repeat(KeyStatement.MAX_LENGTH));
	}

	@Test
	void nullIsMalformed() {
		assertMalformed(null);
	}

	private static void assertMalformed(String text) {
		assertThatThrownBy(() -> KeyStatement.parse(text)).isInstanceOfSatisfying(TrustException.class,
				(ex) -> assertThat(ex.reason()).isEqualTo(Reason.MALFORMED));
	}

}
