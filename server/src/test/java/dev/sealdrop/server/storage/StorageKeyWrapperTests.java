package dev.sealdrop.server.storage;

import java.security.SecureRandom;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StorageKeyWrapperTests {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final byte[] master = random(32);

	private final StorageKeyWrapper wrapper = new StorageKeyWrapper(this.master, RANDOM);

	@Test
	void unwrapReturnsTheWrappedKey() {
		byte[] fileKey = random(32);
		String wrapped = this.wrapper.wrap(fileKey, "file-1");
		assertThat(this.wrapper.unwrap(wrapped, "file-1")).isEqualTo(fileKey);
	}

	@Test
	void wrappingTwiceGivesDifferentTexts() {
		byte[] fileKey = random(32);
		assertThat(this.wrapper.wrap(fileKey, "f")).isNotEqualTo(this.wrapper.wrap(fileKey, "f"));
	}

	@Test
	void wrappedTextDoesNotContainTheKey() {
		byte[] fileKey = random(32);
		byte[] wrapped = Base64.getDecoder().decode(this.wrapper.wrap(fileKey, "f"));
		assertThat(new String(wrapped, java.nio.charset.StandardCharsets.ISO_8859_1))
			.doesNotContain(new String(fileKey, java.nio.charset.StandardCharsets.ISO_8859_1));
	}

	@Test
	void tamperedWrappedKeyFails() {
		byte[] raw = Base64.getDecoder().decode(this.wrapper.wrap(random(32), "f"));
		for (int i = 1; i < raw.length; i++) {
			byte[] tampered = raw.clone();
			tampered[i] ^= 0x01;
			String text = Base64.getEncoder().encodeToString(tampered);
			assertThatThrownBy(() -> this.wrapper.unwrap(text, "f")).as("byte " + i)
				.isInstanceOf(StoredKeyException.class);
		}
	}

	@Test
	void keyMovedToAnotherFileFails() {
		String wrapped = this.wrapper.wrap(random(32), "file-1");
		assertThatThrownBy(() -> this.wrapper.unwrap(wrapped, "file-2")).isInstanceOf(StoredKeyException.class);
	}

	@Test
	void otherMasterKeyFails() {
		String wrapped = this.wrapper.wrap(random(32), "f");
		StorageKeyWrapper other = new StorageKeyWrapper(random(32), RANDOM);
		assertThatThrownBy(() -> other.unwrap(wrapped, "f")).isInstanceOf(StoredKeyException.class);
	}

	@Test
	void garbageAndUnknownVersionsFail() {
		assertThatThrownBy(() -> this.wrapper.unwrap("not base64!", "f")).isInstanceOf(StoredKeyException.class);
		assertThatThrownBy(() -> this.wrapper.unwrap("AAAA", "f")).isInstanceOf(StoredKeyException.class);
		byte[] raw = Base64.getDecoder().decode(this.wrapper.wrap(random(32), "f"));
		raw[0] = 2;
		String v2 = Base64.getEncoder().encodeToString(raw);
		assertThatThrownBy(() -> this.wrapper.unwrap(v2, "f")).isInstanceOf(StoredKeyException.class);
	}

	@Test
	void masterKeyMustBe32Bytes() {
		assertThatIllegalArgumentException().isThrownBy(() -> new StorageKeyWrapper(new byte[16], RANDOM));
		assertThatIllegalArgumentException().isThrownBy(() -> this.wrapper.wrap(new byte[31], "f"));
	}

	@Test
	void errorsNameTheFileButNotTheKey() {
		byte[] fileKey = random(32);
		String wrapped = this.wrapper.wrap(fileKey, "file-9");
		assertThatThrownBy(() -> this.wrapper.unwrap(wrapped, "file-8")).hasMessageContaining("file-8")
			.hasMessageNotContaining(Base64.getEncoder().encodeToString(this.master));
	}

	private static byte[] random(int n) {
		byte[] b = new byte[n];
		RANDOM.nextBytes(b);
		return b;
	}

}
