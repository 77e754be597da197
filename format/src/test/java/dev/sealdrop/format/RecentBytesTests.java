package dev.sealdrop.format;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RecentBytesTests {

	@Test
	void keepsTheLastBytesWithTheirOffsetsAcrossTheRingsEnd() {
		byte[] stream = TestArchives.random(3 * RecentBytes.CAPACITY + 123, 7);
		RecentBytes recent = new RecentBytes();
		// in pieces of odd sizes, single bytes among them, as a ZIP reader pulls them
		int at = 0;
		for (int piece : new int[] { 1, 511, 512, 1, 4096, 5000, 7 }) {
			recent.add(stream, at, piece);
			at += piece;
		}
		while (at < stream.length) {
			recent.add(stream[at++] & 0xFF);
		}
		assertThat(recent.position()).isEqualTo(stream.length);
		long oldest = stream.length - RecentBytes.CAPACITY;
		assertThat(recent.byteAt(oldest)).isEqualTo(stream[(int) oldest] & 0xFF);
		assertThat(recent.byteAt(stream.length - 1)).isEqualTo(stream[stream.length - 1] & 0xFF);
		assertThat(recent.byteAt(oldest - 1)).isEqualTo(-1);
		assertThat(recent.byteAt(stream.length)).isEqualTo(-1);
		byte[] window = Arrays.copyOfRange(stream, (int) oldest, (int) oldest + 100);
		assertThat(recent.matches(oldest, window)).isTrue();
		window[99] ^= 1;
		assertThat(recent.matches(oldest, window)).isFalse();
		// what is gone or not yet seen never matches
		assertThat(recent.matches(oldest - 1, Arrays.copyOfRange(stream, (int) oldest - 1, (int) oldest + 9))).isFalse();
		assertThat(recent.matches(stream.length - 4, new byte[5])).isFalse();
	}

	@Test
	void aPieceLargerThanTheRingKeepsItsEnd() {
		byte[] stream = TestArchives.random(10_000, 8);
		RecentBytes recent = new RecentBytes();
		recent.add(stream, 0, stream.length);
		assertThat(recent.matches(stream.length - RecentBytes.CAPACITY,
				Arrays.copyOfRange(stream, stream.length - RecentBytes.CAPACITY, stream.length))).isTrue();
		assertThat(recent.byteAt(stream.length - RecentBytes.CAPACITY - 1)).isEqualTo(-1);
	}

}
