package dev.sealdrop.server.download;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ChunkLayoutTests {

	private static final int CHUNK = 65536;

	@Test
	void lastChunkHoldsTheRest() {
		ChunkLayout layout = new ChunkLayout(2L * CHUNK + 5, CHUNK, 3);

		assertThat(layout.sealedSize(0)).isEqualTo(CHUNK + 16);
		assertThat(layout.sealedSize(2)).isEqualTo(5 + 16);
		assertThat(layout.sealedTotal()).isEqualTo(2L * CHUNK + 5 + 48);
	}

	@Test
	void chunksLieBackToBackInTheBlob() {
		ChunkLayout layout = new ChunkLayout(2L * CHUNK + 5, CHUNK, 3);

		assertThat(layout.blobOffset(0)).isZero();
		assertThat(layout.blobOffset(1)).isEqualTo(CHUNK + 16);
		assertThat(layout.blobOffset(2)).isEqualTo(2L * (CHUNK + 16));
		assertThat(layout.blobOffset(2) + layout.sealedSize(2)).isEqualTo(layout.sealedTotal());
		assertThatExceptionOfType(IndexOutOfBoundsException.class).isThrownBy(() -> layout.blobOffset(3));
		assertThatExceptionOfType(IndexOutOfBoundsException.class).isThrownBy(() -> layout.blobOffset(-1));
	}

	@Test
	void exactMultipleHasAFullLastChunk() {
		ChunkLayout layout = new ChunkLayout(2L * CHUNK, CHUNK, 2);

		assertThat(layout.sealedSize(1)).isEqualTo(CHUNK + 16);
	}

	@Test
	void emptyFileIsOneEmptyChunk() {
		ChunkLayout layout = new ChunkLayout(0, CHUNK, 1);

		assertThat(layout.sealedSize(0)).isEqualTo(16);
		assertThat(layout.sealedTotal()).isEqualTo(16);
	}

	@Test
	void inconsistentCountsAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ChunkLayout(CHUNK + 1, CHUNK, 1));
		assertThatIllegalArgumentException().isThrownBy(() -> new ChunkLayout(0, CHUNK, 0));
		assertThatIllegalArgumentException().isThrownBy(() -> new ChunkLayout(-1, CHUNK, 1));
	}

}
