package dev.sealdrop.server.download;

import org.junit.jupiter.api.Test;

import dev.sealdrop.server.download.ByteRanges.Kind;
import dev.sealdrop.server.download.ByteRanges.Selection;

import static org.assertj.core.api.Assertions.assertThat;

class ByteRangesTests {

	private static final String ETAG = "\"abc\"";

	private static Selection select(String range, String ifRange) {
		return ByteRanges.select(range, ifRange, ETAG, 1000);
	}

	@Test
	void noRangeIsTheWhole() {
		assertThat(select(null, null).kind()).isEqualTo(Kind.FULL);
	}

	@Test
	void oneRangeIsPartial() {
		assertThat(select("bytes=10-19", null)).isEqualTo(new Selection(Kind.PARTIAL, 10, 19));
	}

	@Test
	void openRangeRunsToTheEnd() {
		assertThat(select("bytes=500-", null)).isEqualTo(new Selection(Kind.PARTIAL, 500, 999));
	}

	@Test
	void rangePastTheEndIsClipped() {
		assertThat(select("bytes=990-5000", null)).isEqualTo(new Selection(Kind.PARTIAL, 990, 999));
	}

	@Test
	void suffixRangeIsTheLastBytes() {
		assertThat(select("bytes=-10", null)).isEqualTo(new Selection(Kind.PARTIAL, 990, 999));
	}

	@Test
	void suffixLongerThanTheWholeIsTheWhole() {
		assertThat(select("bytes=-5000", null)).isEqualTo(new Selection(Kind.PARTIAL, 0, 999));
	}

	@Test
	void startAtTheEndIsUnsatisfiable() {
		assertThat(select("bytes=1000-", null).kind()).isEqualTo(Kind.UNSATISFIABLE);
	}

	@Test
	void emptySuffixIsUnsatisfiable() {
		assertThat(select("bytes=-0", null).kind()).isEqualTo(Kind.UNSATISFIABLE);
	}

	@Test
	void reversedRangeIsUnsatisfiable() {
		assertThat(select("bytes=20-10", null).kind()).isEqualTo(Kind.UNSATISFIABLE);
	}

	@Test
	void malformedBytesRangeIsUnsatisfiable() {
		assertThat(select("bytes=x-y", null).kind()).isEqualTo(Kind.UNSATISFIABLE);
		assertThat(select("bytes=", null).kind()).isEqualTo(Kind.UNSATISFIABLE);
	}

	@Test
	void otherUnitsAreIgnored() {
		assertThat(select("items=0-1", null).kind()).isEqualTo(Kind.FULL);
	}

	@Test
	void severalRangesGetTheWhole() {
		assertThat(select("bytes=0-1,5-6", null).kind()).isEqualTo(Kind.FULL);
	}

	@Test
	void ifRangeWithOurEtagKeepsTheRange() {
		assertThat(select("bytes=0-1", ETAG).kind()).isEqualTo(Kind.PARTIAL);
	}

	@Test
	void ifRangeWithAnotherEtagADateOrAWeakTagGetsTheWhole() {
		assertThat(select("bytes=0-1", "\"other\"").kind()).isEqualTo(Kind.FULL);
		assertThat(select("bytes=0-1", "W/\"abc\"").kind()).isEqualTo(Kind.FULL);
		assertThat(select("bytes=0-1", "Wed, 21 Oct 2015 07:28:00 GMT").kind()).isEqualTo(Kind.FULL);
	}

}
