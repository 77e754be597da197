package dev.sealdrop.server.identity;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import dev.sealdrop.format.Fingerprint;
import dev.sealdrop.format.Recipient;
import dev.sealdrop.format.trust.Certificates;
import dev.sealdrop.format.trust.ChallengeResponse;
import dev.sealdrop.format.trust.KeyStatement;
import dev.sealdrop.format.trust.ServerTrustVerifier;
import dev.sealdrop.format.trust.SignedKeyStatement;
import dev.sealdrop.format.trust.VerifiedServerKey;
import dev.sealdrop.server.download.DownloadTestSupport;
import dev.sealdrop.server.keys.ServerKeyRing;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class IdentityControllerTests extends DownloadTestSupport {

	@Autowired
	private ServerKeyStatements statements;

	@Autowired
	private ServerKeyRing ring;

	private X509Certificate caCertificate() throws Exception {
		MockHttpServletResponse response = this.mvc.perform(get("/api/v1/server-key/ca.pem"))
			.andExpect(status().isOk())
			.andReturn().getResponse();
		List<X509Certificate> certificates = Certificates.parsePem(response.getContentAsString());
		assertThat(certificates).hasSize(1);
		assertThat(response.getHeader("X-Sealdrop-CA-Fingerprint"))
			.isEqualTo(Certificates.keyFingerprint(certificates.get(0)).toString());
		return certificates.get(0);
	}

	private JsonNode challenge(String nonce) throws Exception {
		String body = this.mvc.perform(post("/api/v1/server-key/challenge").contentType(MediaType.APPLICATION_JSON)
				.content(this.json.writeValueAsString(Map.of("nonce", nonce))))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		return jsonOf(body);
	}

	private static List<X509Certificate> chain(JsonNode pems) throws Exception {
		List<X509Certificate> chain = new ArrayList<>();
		for (JsonNode pem : pems) {
			chain.addAll(Certificates.parsePem(pem.asString()));
		}
		return chain;
	}

	@Test
	void caCertificateIsPublicAndASelfSignedCa() throws Exception {
		X509Certificate ca = caCertificate();

		assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
		ca.verify(ca.getPublicKey());
	}

	@Test
	void challengeSignatureVerifiesOverTheDocumentedMessage() throws Exception {
		String nonce = ChallengeResponse.newNonce();

		JsonNode answer = challenge(nonce);

		X509Certificate signer = chain(answer.get("certificateChain")).get(0);
		String message = "sealdrop-challenge/1\n" + "nonce:" + nonce + "\n" + "fingerprint:"
				+ this.ring.current().fingerprint() + "\n" + "signer:" + Certificates.keyFingerprint(signer) + "\n"
				+ "timestamp:" + answer.get("timestamp").asString() + "\n";
		Signature verifier = Signature.getInstance("SHA384withECDSA");
		verifier.initVerify(signer.getPublicKey());
		verifier.update(message.getBytes(StandardCharsets.UTF_8));
		assertThat(verifier.verify(Base64.getDecoder().decode(answer.get("signature").asString()))).isTrue();
		assertThat(answer.get("nonce").asString()).isEqualTo(nonce);
		assertThat(answer.get("fingerprint").asString()).isEqualTo(this.ring.current().fingerprint());
	}

	@Test
	void challengeChainValidatesToThePublishedCa() throws Exception {
		X509Certificate ca = caCertificate();
		String nonce = ChallengeResponse.newNonce();
		JsonNode answer = challenge(nonce);
		List<X509Certificate> chain = chain(answer.get("certificateChain"));
		Recipient key = this.ring.current().identity().recipient();
		ServerKeyStatements.SignedKey published = this.statements.forKey(this.ring.current());

		ServerTrustVerifier verifier = ServerTrustVerifier.pinningCertificate(ca, Clock.systemUTC());
		VerifiedServerKey verified = verifier.verify(chain,
				new SignedKeyStatement(published.statement().text(), published.statement().signature()), key);
		verifier.verifyChallenge(verified, nonce, new ChallengeResponse(answer.get("nonce").asString(),
				answer.get("fingerprint").asString(), answer.get("timestamp").asString(),
				answer.get("signature").asString()), Duration.ofMinutes(1));

		assertThat(chain).hasSize(2);
		assertThat(chain.get(1).getEncoded()).isEqualTo(ca.getEncoded());
	}

	@Test
	void statementForTheCurrentKeyIsCurrentAndValidNow() throws Exception {
		ServerKeyStatements.SignedKey signed = this.statements.forKey(this.ring.current());

		KeyStatement statement = KeyStatement.parse(signed.statement().text());
		assertThat(statement.status()).isEqualTo(KeyStatement.Status.CURRENT);
		assertThat(statement.fingerprint()).isEqualTo(this.ring.current().identity().fingerprint());
		assertThat(statement.isValidAt(java.time.Instant.now())).isTrue();
		assertThat(signed.certificateChain()).hasSize(2);
	}

	@Test
	void statementForARetiredKeyEndsAtItsRetirement() throws Exception {
		Recipient key = dev.sealdrop.format.Identity.generate().recipient();
		java.time.Instant created = java.time.Instant.parse("2026-01-01T00:00:00Z");
		java.time.Instant retired = java.time.Instant.parse("2026-02-01T00:00:00.500Z");

		KeyStatement statement = KeyStatement.parse(this.statements.retired(key, created, retired).statement().text());

		assertThat(statement.status()).isEqualTo(KeyStatement.Status.RETIRED);
		assertThat(statement.notBefore()).isEqualTo(created);
		assertThat(statement.notAfter()).isEqualTo(java.time.Instant.parse("2026-02-01T00:00:00Z"));
	}

	@Test
	void shortNonceIsAValidationError() throws Exception {
		this.mvc.perform(post("/api/v1/server-key/challenge").contentType(MediaType.APPLICATION_JSON)
				.content("{\"nonce\":\"" + Base64.getEncoder().encodeToString(new byte[15]) + "\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value("urn:sealdrop:problem:validation-failed"));
	}

	@Test
	void nonBase64NonceIsAValidationError() throws Exception {
		this.mvc.perform(post("/api/v1/server-key/challenge").contentType(MediaType.APPLICATION_JSON)
				.content("{\"nonce\":\"not base64 at all, not base64 at all\"}"))
			.andExpect(status().isBadRequest());
	}

	@Test
	void challengesAreLimitedPerAddress() throws Exception {
		String nonce = "{\"nonce\":\"" + Base64.getEncoder().encodeToString(new byte[16]) + "\"}";
		// the default burst is 100 answers, refilled at 10 a second while they are used up
		int answered = 0;
		MockHttpServletResponse refused = null;
		while (refused == null && answered < 1000) {
			MockHttpServletResponse response = this.mvc
				.perform(post("/api/v1/server-key/challenge").with(from("192.0.2.77"))
					.contentType(MediaType.APPLICATION_JSON)
					.content(nonce))
				.andReturn()
				.getResponse();
			if (response.getStatus() == 200) {
				answered++;
			}
			else {
				refused = response;
			}
		}
		assertThat(answered).isBetween(100, 999);
		assertThat(refused.getStatus()).isEqualTo(429);
		assertThat(jsonOf(refused.getContentAsString()).get("type").asString())
			.isEqualTo("urn:sealdrop:problem:challenge-throttled");
		// 600 a minute: the next answer is at most 0.1 s away, rounded up to whole seconds
		assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
		this.mvc.perform(post("/api/v1/server-key/challenge").with(from("192.0.2.78"))
			.contentType(MediaType.APPLICATION_JSON)
			.content(nonce)).andExpect(status().isOk());
	}

	private static org.springframework.test.web.servlet.request.RequestPostProcessor from(String address) {
		return (request) -> {
			request.setRemoteAddr(address);
			return request;
		};
	}

	@Test
	void missingNonceIsAValidationError() throws Exception {
		this.mvc.perform(post("/api/v1/server-key/challenge").contentType(MediaType.APPLICATION_JSON).content("{}"))
			.andExpect(status().isBadRequest());
	}

	@Test
	void localIdentityKeysArePrivateFiles() throws Exception {
		Path dir = DATA_DIR.resolve("identity");

		for (String key : List.of("ca-key.pem", "signing-key.pem")) {
			assertThat(dir.resolve(key)).exists();
			if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
				assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(key))))
					.isEqualTo("rw-------");
			}
		}
		assertThat(Files.readString(dir.resolve("ca.pem"))).startsWith("-----BEGIN CERTIFICATE-----");
	}

	@Test
	void signingKeyIsNotTheEncryptionKey() throws Exception {
		JsonNode answer = challenge(ChallengeResponse.newNonce());
		Fingerprint signer = Certificates.keyFingerprint(chain(answer.get("certificateChain")).get(0));

		assertThat(signer.toString()).isNotEqualTo(this.ring.current().fingerprint());
	}

}
