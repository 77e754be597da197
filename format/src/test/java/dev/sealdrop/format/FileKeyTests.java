package dev.sealdrop.format;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class FileKeyTests {

	@Test
	void generatesFreshThirtyTwoByteKeys() {
		assertThat(FileKey.generate().bytes()).hasSize(32).isNotEqualTo(FileKey.generate().bytes());
	}

	@Test
	void copiesTheBytesItIsGivenAndHandsOut() {
		byte[] bytes = new byte[32];
		FileKey key = FileKey.of(bytes);
		bytes[0] = 1;
		key.bytes()[1] = 1;
		assertThat(key.bytes()).containsOnly(0);
	}

	@Test
	void refusesAnyOtherLength() {
		assertThatIllegalArgumentException().isThrownBy(() -> FileKey.of(new byte[31]));
		assertThatIllegalArgumentException().isThrownBy(() -> FileKey.of(new byte[33]));
		assertThatIllegalArgumentException().isThrownBy(() -> FileKey.of(null));
	}

	@Test
	void isUnusableOnceDestroyed() {
		FileKey key = FileKey.generate();
		key.destroy();
		assertThat(key.isDestroyed()).isTrue();
		assertThatIllegalStateException().isThrownBy(key::bytes);
	}

	@Test
	void neverPrintsTheKey() {
		FileKey key = FileKey.of(new byte[32]);
		assertThat(key.toString()).doesNotContain("0000").doesNotContain("AAAA");
	}

}
