package dev.sealdrop.server.files;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class StoredChunksTests {

	@Test
	void keepsEveryChunkInOrderPastTheInitialCapacity() {
		StoredChunks chunks = new StoredChunks();
		for (int i = 0; i < 200; i++) {
			chunks.add(1000 + i, hash(i), 0xFFFFFFFFL - i);
		}
		assertThat(chunks.count()).isEqualTo(200);
		for (int i = 0; i < 200; i++) {
			assertThat(chunks.sealedSize(i)).isEqualTo(1000 + i);
			assertThat(chunks.sha256(i)).isEqualTo(hash(i));
			assertThat(chunks.crc32(i)).isEqualTo(0xFFFFFFFFL - i);
		}
	}

	@Test
	void copiesWhatItTakesAndGives() {
		StoredChunks chunks = new StoredChunks();
		byte[] hash = hash(1);
		chunks.add(16, hash, 1);
		hash[0] ^= 1;
		chunks.sha256(0)[1] ^= 1;
		assertThat(chunks.sha256(0)).isEqualTo(hash(1));
	}

	@Test
	void refusesWhatCannotBeAChunk() {
		StoredChunks chunks = new StoredChunks();
		assertThatIllegalArgumentException().isThrownBy(() -> chunks.add(-1, hash(0), 0));
		assertThatIllegalArgumentException().isThrownBy(() -> chunks.add(16, new byte[31], 0));
		assertThatIllegalArgumentException().isThrownBy(() -> chunks.add(16, null, 0));
		assertThatIllegalArgumentException().isThrownBy(() -> chunks.add(16, hash(0), -1));
		assertThatIllegalArgumentException().isThrownBy(() -> chunks.add(16, hash(0), 0x1_0000_0000L));
		assertThat(chunks.count()).isZero();
		assertThatExceptionOfType(IndexOutOfBoundsException.class).isThrownBy(() -> chunks.sealedSize(0));
	}

	private static byte[] hash(int seed) {
		byte[] hash = new byte[32];
		Arrays.fill(hash, (byte) seed);
		hash[31] = (byte) (seed >> 8);
		return hash;
	}

}
