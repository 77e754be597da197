package dev.sealdrop.server.upload;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.sealdrop.format.Recipient;
import dev.sealdrop.server.security.SealdropPrincipal;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** Uploads over real HTTP, as the CLI and the original Python client send them. */
class UploadHttpTests extends SealdropTestBase {

	@LocalServerPort
	private int port;

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private SealdropPrincipal alice;

	@BeforeEach
	void user() {
		this.alice = createUser(false);
	}

	@Test
	void v1ArchiveEncryptedToTheKeyFetchedOverHttpIsStored() throws Exception {
		HttpResponse<String> key = this.http.send(HttpRequest.newBuilder(uri("/api/v1/server-key.pem")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(key.statusCode()).isEqualTo(200);
		Recipient server = Recipient.fromPem(key.body());
		byte[] content = TestArchives.content(2_500_000, 21);
		byte[] archive = TestArchives.v1(server, "over-http.bin", content, 1 << 20);

		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(uri("/api/v1/files"))
			.header("Authorization", basic())
			.header("Content-Type", "application/zip")
			.POST(HttpRequest.BodyPublishers.ofByteArray(archive))
			.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(201);
		JsonNode file = jsonOf(response.body());
		assertThat(response.headers().firstValue("Location")).hasValue("/api/v1/files/" + file.get("id").asString());
		assertThat(file.get("sha256").asString()).isEqualTo(UploadControllerTests.sha256(content));
		assertThat(file.get("chunks").asLong()).isEqualTo(3);

		HttpResponse<String> described = this.http.send(HttpRequest.newBuilder(uri("/api/v1/files/" + file.get("id").asString()))
			.header("Authorization", basic())
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(described.statusCode()).isEqualTo(200);
		assertThat(jsonOf(described.body()).get("name").asString()).isEqualTo("over-http.bin");
	}

	@Test
	void format0ArchiveInThePythonClientsMultipartFormIsStored() throws Exception {
		HttpResponse<String> key = this.http.send(HttpRequest.newBuilder(uri("/api/v1/server-key")).build(),
				HttpResponse.BodyHandlers.ofString());
		Recipient server = Recipient.fromPem(jsonOf(key.body()).get("publicKeyPem").asString());
		byte[] content = TestArchives.content(1_200_000, 22);
		byte[] archive = Format0ArchiveMaker.make(server.publicKey(), "legacy.docx", content, 1 << 20);

		String boundary = "----sealdrop" + UUID.randomUUID();
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"filename\"\r\n\r\nlegacy.zip\r\n")
			.getBytes(StandardCharsets.UTF_8));
		body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"legacy.zip\"\r\n"
				+ "Content-Type: application/zip\r\n\r\n").getBytes(StandardCharsets.UTF_8));
		body.write(archive);
		body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));

		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(uri("/api/v1/files"))
			.header("Authorization", basic())
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
			.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		JsonNode file = jsonOf(response.body());
		assertThat(file.get("format").asInt()).isZero();
		assertThat(file.get("name").asString()).isEqualTo("legacy.docx");
		assertThat(file.get("sha256").asString()).isEqualTo(UploadControllerTests.sha256(content));
		assertThat(file.get("warnings").size()).isEqualTo(1);
		assertThat(java.nio.file.Files.list(DATA_DIR.resolve("tmp/multipart"))).isEmpty();
	}

	@Test
	void wrongPasswordIsRejected() throws Exception {
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(uri("/api/v1/files"))
			.header("Authorization", "Basic " + Base64.getEncoder()
				.encodeToString((this.alice.username() + ":wrong").getBytes(StandardCharsets.UTF_8)))
			.header("Content-Type", "application/zip")
			.POST(HttpRequest.BodyPublishers.ofByteArray(new byte[100]))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(401);
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	private String basic() {
		return "Basic " + Base64.getEncoder()
			.encodeToString((this.alice.username() + ":" + USER_PASSWORD).getBytes(StandardCharsets.UTF_8));
	}

}
