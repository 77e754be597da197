package dev.sealdrop.client.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.sealdrop.client.net.FaultyServer.Fault;
import dev.sealdrop.format.DecryptingInputStream;
import dev.sealdrop.format.EncryptOptions;
import dev.sealdrop.format.EncryptingOutputStream;
import dev.sealdrop.format.Identity;
import dev.sealdrop.format.Sealdrop;

/**
 * The way the upload and download commands use this package: the encrypting writer feeds the
 * request body directly, and the decrypting reader consumes a download that resumes by itself,
 * with faults on both ways.
 */
class StreamingRoundTripTests {

	private final FaultyServer server = FaultyServer.start();

	private final RecordingSleeper sleeper = new RecordingSleeper();

	@AfterEach
	void stop() {
		server.close();
	}

	@Test
	void encryptsIntoARetriedUploadAndDecryptsAResumedDownload() throws Exception {
		Identity recipient = Identity.generate();
		byte[] plaintext = UploadTests.randomBytes(3 * 1024 * 1024 + 17);
		ApiClient client = ApiClient.builder(server.url()).retryPolicy(sleeper.policy()).build();
		AtomicReference<EncryptingOutputStream> lastAttempt = new AtomicReference<>();
		server.then(Fault.dropRequestAfter(1_500_000));

		ApiTypes.FileInfo stored = client.upload("/files", "report.pdf", out -> {
			try (InputStream in = new ByteArrayInputStream(plaintext);
					EncryptingOutputStream encrypting = Sealdrop.encrypt(out, EncryptOptions.of("report.pdf", plaintext.length),
							List.of(recipient.recipient()))) {
				lastAttempt.set(encrypting);
				in.transferTo(encrypting);
			}
		}, ApiClient.newIdempotencyKey(), ApiTypes.FileInfo.class);

		assertThat(server.files()).hasSize(1);
		assertThat(lastAttempt.get().plaintextSha256()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(plaintext));
		server.then(Fault.dropResponseAfter(1_000_000), Fault.dropResponseAfter(1_000_000));
		ByteArrayOutputStream decrypted = new ByteArrayOutputStream();
		try (DecryptingInputStream in = Sealdrop.decrypt(client.download("/files/" + stored.id() + "/archive", stored.id()),
				List.of(recipient))) {
			in.transferTo(decrypted);
			assertThat(in.sha256()).isEqualTo(lastAttempt.get().plaintextSha256());
		}
		assertThat(decrypted.toByteArray()).isEqualTo(plaintext);
		assertThat(server.requests()).extracting(FaultyServer.Seen::method).containsExactly("POST", "POST", "GET", "GET", "GET");
	}

}
