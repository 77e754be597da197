package dev.sealdrop.client.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Arrays;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.sealdrop.client.net.FaultyServer.Fault;

class DownloadTests {

	private static final String PATH = "/files/f1/archive?client=c1";

	private final FaultyServer server = FaultyServer.start();

	private final RecordingSleeper sleeper = new RecordingSleeper();

	private final byte[] content = UploadTests.randomBytes(500_000);

	private final String etag = server.store("f1", content);

	@AfterEach
	void stop() {
		server.close();
	}

	private ApiClient client() {
		return ApiClient.builder(server.url()).credentials(Credentials.bearer("sdt_test")).retryPolicy(sleeper.policy()).build();
	}

	@Test
	void downloadsTheWholeFile() throws IOException {
		try (DownloadStream stream = client().download(PATH, "f1")) {
			assertThat(stream.readAllBytes()).isEqualTo(content);
			assertThat(stream.startOffset()).isZero();
			assertThat(stream.totalLength()).isEqualTo(content.length);
			assertThat(stream.etag()).contains(etag);
		}
		assertThat(server.requests().get(0).header("Range")).isNull();
	}

	@Test
	void resumesWithRangeAndIfRangeWhenTheConnectionDropsMidBody() throws IOException {
		server.then(Fault.dropResponseAfter(123_456));

		byte[] received;
		try (DownloadStream stream = client().download(PATH, "f1")) {
			received = stream.readAllBytes();
		}

		assertThat(received).isEqualTo(content);
		assertThat(server.requests()).hasSize(2);
		// The connection breaks after 123456 bytes, but the JDK client drops what it had buffered
		// and not yet handed out, so the stream resumes from what it delivered: at most that much,
		// in theory nothing (then it asks for the whole file again, without Range).
		FaultyServer.Seen resume = server.requests().get(1);
		String range = resume.header("Range");
		if (range != null) {
			assertThat(range).matches("bytes=\\d+-");
			assertThat(Long.parseLong(range.replaceAll("\\D", ""))).isBetween(1L, 123_456L);
			assertThat(resume.header("If-Range")).isEqualTo(etag);
		}
		assertThat(sleeper.sleeps()).hasSize(1);
	}

	@Test
	void resumesWhenTheServerStopsSendingForTheIdleTimeout() throws IOException {
		server.then(Fault.stallResponseAfter(100_000));
		ApiClient client = ApiClient.builder(server.url())
			.retryPolicy(sleeper.policy())
			.idleTimeout(java.time.Duration.ofMillis(300))
			.build();

		try (DownloadStream stream = client.download(PATH, "f1")) {
			assertThat(stream.readAllBytes()).isEqualTo(content);
		}
		assertThat(server.requests()).hasSize(2);
	}

	@Test
	void keepsResumingAsLongAsBytesArrive() throws IOException {
		server.then(Fault.dropResponseAfter(100_000), Fault.dropResponseAfter(100_000), Fault.dropResponseAfter(100_000),
				Fault.dropResponseAfter(100_000));

		byte[] received;
		try (DownloadStream stream = client().download(PATH, "f1")) {
			received = stream.readAllBytes();
		}

		assertThat(received).isEqualTo(content);
		assertThat(server.requests()).hasSize(5);
	}

	@Test
	void givesUpAfterFourAttemptsWithoutProgress() {
		server.then(Fault.dropResponseAfter(1000), Fault.dropResponseAfter(0), Fault.dropResponseAfter(0),
				Fault.dropResponseAfter(0));

		assertThatThrownBy(() -> {
			try (DownloadStream stream = client().download(PATH, "f1")) {
				stream.readAllBytes();
			}
		}).isInstanceOf(FatalTransferException.class).hasMessageStartingWith("Fatal: download of f1 failed after 4 attempts: ");
		assertThat(server.requests()).hasSize(4);
	}

	@Test
	void staysFailedAfterGivingUp() throws IOException {
		server.then(Fault.dropResponseAfter(0), Fault.dropResponseAfter(0), Fault.dropResponseAfter(0),
				Fault.dropResponseAfter(0));
		DownloadStream stream = client().download(PATH, "f1");

		assertThatThrownBy(stream::readAllBytes).isInstanceOf(FatalTransferException.class);
		assertThatThrownBy(stream::read).isInstanceOf(IOException.class).hasMessageStartingWith("Fatal: download of f1 failed");
		assertThat(server.requests()).hasSize(4);
		stream.close();
	}

	@Test
	void continuesAnEarlierDownloadFromAnOffset() throws IOException {
		try (DownloadStream stream = client().download(PATH, "f1", 400_000, etag)) {
			assertThat(stream.startOffset()).isEqualTo(400_000);
			assertThat(stream.readAllBytes()).isEqualTo(Arrays.copyOfRange(content, 400_000, content.length));
			assertThat(stream.position()).isEqualTo(content.length);
		}
		assertThat(server.requests().get(0).header("Range")).isEqualTo("bytes=400000-");
		assertThat(server.requests().get(0).header("If-Range")).isEqualTo(etag);
	}

	@Test
	void startsOverWhenTheFileChangedSinceTheEarlierDownload() throws IOException {
		try (DownloadStream stream = client().download(PATH, "f1", 400_000, "\"old-etag\"")) {
			assertThat(stream.startOffset()).isZero();
			assertThat(stream.readAllBytes()).isEqualTo(content);
		}
	}

	@Test
	void anEarlierDownloadThatGotEverythingNeedsNoMoreBytes() throws IOException {
		try (DownloadStream stream = client().download(PATH, "f1", content.length, etag)) {
			assertThat(stream.startOffset()).isEqualTo(content.length);
			assertThat(stream.totalLength()).isEqualTo(content.length);
			assertThat(stream.readAllBytes()).isEmpty();
		}
		assertThat(server.requests()).hasSize(1);
	}

	@Test
	void startsOverWhenTheOffsetIsBeyondTheFile() throws IOException {
		try (DownloadStream stream = client().download(PATH, "f1", 900_000, etag)) {
			assertThat(stream.startOffset()).isZero();
			assertThat(stream.readAllBytes()).isEqualTo(content);
		}
	}

	@Test
	void failsWhenTheFileChangesOnTheServerMidDownload() {
		server.then(Fault.dropResponseAfter(1000));

		assertThatThrownBy(() -> {
			try (DownloadStream stream = client().download(PATH, "f1")) {
				stream.readNBytes(1000);
				server.store("f1", UploadTests.randomBytes(500_001));
				stream.readAllBytes();
			}
		}).isInstanceOf(FatalTransferException.class)
			.hasMessage("Fatal: download of f1 failed: the file changed on the server during the download");
	}

	@Test
	void rejectsAPartialResponseForAnotherRange() {
		server.then(Fault.raw(206, "xyz", "Content-Range", "bytes 0-2/500000", "ETag", etag));

		assertThatThrownBy(() -> client().download(PATH, "f1", 400_000, etag)).isInstanceOf(FatalTransferException.class)
			.hasMessageContaining("Content-Range does not match the request");
		assertThat(server.requests()).hasSize(1);
	}

	@Test
	void rejectsAPartialResponseOfAnotherVersion() {
		server.then(Fault.raw(206, "xyz", "Content-Range", "bytes 400000-400002/400003", "ETag", "\"other\""));

		assertThatThrownBy(() -> client().download(PATH, "f1", 400_000, etag)).isInstanceOf(FatalTransferException.class)
			.hasMessage("Fatal: download of f1 failed: the server resumed a different version of the file");
	}

	@Test
	void cannotResumeWithoutAnETag() {
		server.storeWithoutEtag("f2", content);
		server.then(Fault.dropResponseAfter(1000));

		assertThatThrownBy(() -> {
			try (DownloadStream stream = client().download("/files/f2/archive", "f2")) {
				stream.readAllBytes();
			}
		}).isInstanceOf(FatalTransferException.class)
			.hasMessageEndingWith("the server gave no strong ETag, so the download cannot be resumed");
		assertThat(server.requests()).hasSize(1);
	}

	@Test
	void resumingNeedsTheStrongETag() {
		assertThatThrownBy(() -> client().download(PATH, "f1", 10, null)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> client().download(PATH, "f1", 10, "W/\"weak\"")).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void aMissingFileIsNotRetried() {
		assertThatThrownBy(() -> client().download("/files/nope/archive", "nope")).isInstanceOf(ApiProblemException.class)
			.satisfies(ex -> assertThat(((ApiProblemException) ex).type()).isEqualTo("not-found"));
		assertThat(server.requests()).hasSize(1);
	}

	@Test
	void serverErrorsBeforeTheBodyAreRetried() throws IOException {
		server.then(Fault.status(500), Fault.status(429, "Retry-After", "2"));

		try (DownloadStream stream = client().download(PATH, "f1")) {
			assertThat(stream.readAllBytes()).isEqualTo(content);
		}
		assertThat(server.requests()).hasSize(3);
		assertThat(sleeper.sleeps().get(1)).hasSeconds(2);
	}

}
