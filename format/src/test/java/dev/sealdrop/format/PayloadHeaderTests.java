package dev.sealdrop.format;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PayloadHeaderTests {

	private static final PayloadHeader HEADER = new PayloadHeader(65536, 12345, new byte[16], new byte[272]);

	@Test
	void encodesTheExactTextOfTheSpecification() {
		assertThat(HEADER.encode()).isEqualTo("sealdrop-payload/1\nchunk_size:65536\noriginal_size:12345\nsalt:"
				+ "A".repeat(22) + "==\nencrypted_name:" + "A".repeat(363) + "=\n");
		assertThat(new PayloadHeader(65536, -1, new byte[16], new byte[272]).encode()).contains("\noriginal_size:unknown\n");
	}

	@Test
	void theHashIsTheSha256OfTheText() throws Exception {
		assertThat(HEADER.hash()).isEqualTo(java.security.MessageDigest.getInstance("SHA-256")
			.digest(HEADER.encode().getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
	}

	@Test
	void decodeReadsBackWhatEncodeWrote() throws Exception {
		assertThat(PayloadHeader.decode(HEADER.encode())).isEqualTo(HEADER);
		assertThat(PayloadHeader.decode(HEADER.encode()).originalSize()).isEqualTo(12345);
	}

	@Test
	void decodeRejectsEverythingButTheCanonicalText() {
		String text = HEADER.encode();
		for (String bad : new String[] { text.replace("65536", "065536"), text.replace("12345", "+12345"),
				text.replace("\n", "\r\n"), text.substring(0, text.length() - 1), text + "\n", text.replace("chunk_size", "Chunk_size"),
				text.replace("65536", "1000"), text.replace("AA==", "AB=="), text.replace("payload/1", "payload/2"), "" }) {
			assertThatThrownBy(() -> PayloadHeader.decode(bad)).as(bad).isInstanceOf(MalformedArchiveException.class);
		}
		assertThatThrownBy(() -> PayloadHeader.decode(null)).isInstanceOf(MalformedArchiveException.class);
	}

	@Test
	void theNonceIsTheBigEndianCounterAndTheLastFlag() {
		assertThat(ChunkSealer.nonce(0, false)).containsExactly(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
		assertThat(ChunkSealer.nonce(0x0102, true)).containsExactly(0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 1);
		assertThat(ChunkSealer.nonce((1L << 32) - 1, false)).containsExactly(0, 0, 0, 0, 0, 0, 0, -1, -1, -1, -1, 0);
		assertThatThrownBy(() -> ChunkSealer.nonce(1L << 32, false)).isInstanceOf(IllegalArgumentException.class);
	}

}
