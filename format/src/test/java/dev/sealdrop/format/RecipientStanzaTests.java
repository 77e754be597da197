package dev.sealdrop.format;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RecipientStanzaTests {

	@Test
	void encodeDecodeRoundTrips() throws Exception {
		RecipientStanza stanza = RecipientStanza.wrap(FileKey.generate(), Identity.generate().recipient());

		RecipientStanza decoded = RecipientStanza.decode(stanza.encode());

		assertThat(decoded).isEqualTo(stanza);
		assertThat(decoded.encode()).isEqualTo(stanza.encode());
		assertThat(stanza.encode()).startsWith("sealdrop-stanza/1 " + stanza.recipient() + " ");
	}

	@Test
	void decodeRefusesOtherForms() {
		String good = RecipientStanza.wrap(FileKey.generate(), Identity.generate().recipient()).encode();
		for (String bad : new String[] { null, "", good + " ", good.replace("sealdrop-stanza/1", "sealdrop-stanza/2"),
				good.toUpperCase(), good.substring(0, good.length() - 4) }) {
			assertThatExceptionOfType(MalformedArchiveException.class).as(String.valueOf(bad))
				.isThrownBy(() -> RecipientStanza.decode(bad));
		}
	}

	@Test
	void decodeRefusesAnEphemeralKeyOffTheCurve() throws Exception {
		String good = RecipientStanza.wrap(FileKey.generate(), Identity.generate().recipient()).encode();
		String[] parts = good.split(" ");
		byte[] enc = java.util.Base64.getDecoder().decode(parts[3]);
		enc[96] ^= 1;
		String bad = parts[0] + " " + parts[1] + " " + parts[2] + " " + java.util.Base64.getEncoder().encodeToString(enc);

		assertThatExceptionOfType(MalformedArchiveException.class).isThrownBy(() -> RecipientStanza.decode(bad));
	}

	@Test
	void archivesWithTheSameStoredStanzaAreTheSameBytesAndDecrypt() throws Exception {
		Identity server = Identity.generate();
		Identity client = Identity.generate();
		byte[] content = new byte[200_000];
		new Random(1).nextBytes(content);
		ByteArrayOutputStream upload = new ByteArrayOutputStream();
		try (OutputStream out = Sealdrop.encrypt(upload, new EncryptOptions("f", content.length, 65536),
				List.of(server.recipient()))) {
			out.write(content);
		}
		List<byte[]> sealed = new ArrayList<>();
		ArchiveReader reader = ArchiveReader.open(new ByteArrayInputStream(upload.toByteArray()), List.of(server),
				ReaderLimits.defaults());
		ArchiveReader.Chunk chunk;
		while ((chunk = reader.next()) != null) {
			sealed.add(chunk.sealed());
		}
		String stored = RecipientStanza.wrap(reader.fileKey(), client.recipient()).encode();

		byte[] first = write(reader, sealed, RecipientStanza.decode(stored));
		byte[] second = write(reader, sealed, RecipientStanza.decode(stored));

		assertThat(second).isEqualTo(first);
		assertThat(first.length).isEqualTo(ArchiveWriter.length(reader.payload(), sealed.size(), content.length, 1, false));
		try (DecryptingInputStream in = Sealdrop.decrypt(new ByteArrayInputStream(first), List.of(client))) {
			assertThat(in.readAllBytes()).isEqualTo(content);
		}
	}

	private static byte[] write(ArchiveReader reader, List<byte[]> sealed, RecipientStanza stanza) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (ArchiveWriter writer = ArchiveWriter.create(out, reader.payload(), sealed.size(),
				reader.summary().plaintextLength(), List.of(stanza), null)) {
			for (byte[] s : sealed) {
				writer.writeChunk(s, 0, s.length);
			}
			writer.finish(reader.summary().sealedDigest());
		}
		return out.toByteArray();
	}

}
