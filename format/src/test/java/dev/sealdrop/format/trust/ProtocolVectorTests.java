package dev.sealdrop.format.trust;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.sealdrop.format.Fingerprint;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The example vector in src/test/resources/trust (see its README), which PROTOCOL.md quotes. */
class ProtocolVectorTests {

	private final Clock clock = TrustFixtures.at(TrustFixtures.NOW);

	@Test
	void statementVectorVerifiesAgainstThePinnedCa() throws Exception {
		List<X509Certificate> chain = Certificates.parsePem(text("chain.pem"));
		X509Certificate ca = Certificates.parsePem(text("ca.pem")).get(0);
		SignedKeyStatement signed = new SignedKeyStatement(text("statement.txt"), text("statement.sig").strip());
		KeyStatement statement = KeyStatement.parse(signed.statement());
		VerifiedServerKey verified = ServerTrustVerifier.pinningCertificate(ca, this.clock)
			.verify(chain, signed, statement.key());
		assertThat(verified.anchorFingerprint()).isEqualTo(Certificates.keyFingerprint(ca));
		assertThat(verified.statement().toText()).isEqualTo(signed.statement());
	}

	@Test
	void challengeVectorVerifiesAndItsMessageIsTheDocumentedBytes() throws Exception {
		X509Certificate leaf = Certificates.parsePem(text("chain.pem")).get(0);
		Map<String, String> fields = fields(text("challenge-response.txt"));
		ChallengeResponse response = new ChallengeResponse(fields.get("nonce"), fields.get("fingerprint"),
				fields.get("timestamp"), fields.get("signature"));
		assertThat(response.message(leaf)).isEqualTo(bytes("challenge-message.txt"));
		response.verify("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=", Fingerprint.parse(fields.get("fingerprint")), leaf,
				this.clock, ChallengeResponse.DEFAULT_MAX_SKEW);
	}

	@Test
	void vectorTextsAreExactlyWhatTheLibraryWrites() throws Exception {
		KeyStatement statement = KeyStatement.parse(text("statement.txt"));
		assertThat(statement.toBytes()).isEqualTo(bytes("statement.txt"));
		X509Certificate leaf = Certificates.parsePem(text("chain.pem")).get(0);
		Map<String, String> fields = fields(text("challenge-response.txt"));
		String message = ChallengeResponse.message(ChallengeResponse.decodeNonce(fields.get("nonce")),
				Fingerprint.parse(fields.get("fingerprint")), Certificates.keyFingerprint(leaf), fields.get("timestamp"));
		assertThat(message.getBytes(StandardCharsets.UTF_8)).isEqualTo(bytes("challenge-message.txt"));
		assertThat(Certificates.toPem(Certificates.parsePem(text("chain.pem")))).isEqualTo(text("chain.pem"));
	}

	private static Map<String, String> fields(String text) {
		Map<String, String> fields = new LinkedHashMap<>();
		for (String line : text.split("\n")) {
			int colon = line.indexOf(':');
			fields.put(line.substring(0, colon), line.substring(colon + 1));
		}
		assertThat(fields).containsOnlyKeys("nonce", "fingerprint", "timestamp", "signature");
		return fields;
	}

	private static String text(String name) throws IOException {
		return new String(bytes(name), StandardCharsets.UTF_8);
	}

	private static byte[] bytes(String name) throws IOException {
		try (InputStream in = ProtocolVectorTests.class.getResourceAsStream("/trust/" + name)) {
			assertThat(in).as(name).isNotNull();
			return in.readAllBytes();
		}
	}

}
