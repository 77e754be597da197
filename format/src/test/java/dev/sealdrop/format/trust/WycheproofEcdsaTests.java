package dev.sealdrop.format.trust;

import java.io.IOException;
import java.io.InputStream;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every Project Wycheproof ECDSA P-384/SHA-384 verification vector, DER and P1363, through the
 * verification code clients use: valid signatures verify, invalid ones (BER and other
 * non-canonical encodings, out-of-range r and s, wrong values) do not.
 */
class WycheproofEcdsaTests {

	private static final String DER_FILE = "/wycheproof/ecdsa_secp384r1_sha384_test.json";

	private static final String P1363_FILE = "/wycheproof/ecdsa_secp384r1_sha384_p1363_test.json";

	@ParameterizedTest(name = "DER tcId {1} {2}: {3}")
	@MethodSource("derVectors")
	void derSignatureIsAcceptedExactlyWhenWycheproofSaysValid(Vector vector, int tcId, String result, String comment) {
		boolean verified = Signatures.verifyDer(vector.key(), vector.msg(), vector.sig());
		assertResult(vector, verified);
	}

	@ParameterizedTest(name = "P1363 tcId {1} {2}: {3}")
	@MethodSource("p1363Vectors")
	void p1363SignatureIsAcceptedExactlyWhenWycheproofSaysValid(Vector vector, int tcId, String result, String comment) {
		boolean verified = Signatures.verifyP1363(vector.key(), vector.msg(), vector.sig());
		assertResult(vector, verified);
	}

	@ParameterizedTest(name = "DER tcId {1} {2}: {3}")
	@MethodSource("derVectors")
	void strictDerParserAcceptsOnlyWhatItWouldEncode(Vector vector, int tcId, String result, String comment) {
		java.math.BigInteger[] rs = Signatures.parseDer(vector.sig());
		if (rs != null) {
			assertThat(Signatures.encodeDer(rs[0], rs[1])).isEqualTo(vector.sig());
		}
	}

	@Test
	void bothFilesHaveTheAdvertisedNumberOfValidAndInvalidVectors() throws IOException {
		List<Vector> der = load(DER_FILE);
		List<Vector> p1363 = load(P1363_FILE);
		assertThat(der).hasSize(504);
		assertThat(p1363).hasSize(280);
		assertThat(der).filteredOn((v) -> v.result().equals("valid")).hasSize(194);
		assertThat(der).filteredOn((v) -> v.result().equals("invalid")).hasSize(310);
		assertThat(p1363).filteredOn((v) -> v.result().equals("valid")).hasSize(193);
		assertThat(p1363).filteredOn((v) -> v.result().equals("invalid")).hasSize(87);
	}

	private static void assertResult(Vector vector, boolean verified) {
		switch (vector.result()) {
			case "valid" -> assertThat(verified).as("valid signature verifies").isTrue();
			case "invalid" -> assertThat(verified).as("invalid signature is rejected").isFalse();
			case "acceptable" -> {
				// either outcome is allowed; the call must just not throw
			}
			default -> throw new IllegalStateException("unknown result " + vector.result());
		}
	}

	static Stream<Arguments> derVectors() throws IOException {
		return arguments(load(DER_FILE));
	}

	static Stream<Arguments> p1363Vectors() throws IOException {
		return arguments(load(P1363_FILE));
	}

	private static Stream<Arguments> arguments(List<Vector> vectors) {
		assertThat(vectors).isNotEmpty();
		return vectors.stream().map((v) -> Arguments.of(v, v.tcId(), v.result(), v.comment()));
	}

	static List<Vector> load(String resource) throws IOException {
		JsonNode root;
		try (InputStream in = WycheproofEcdsaTests.class.getResourceAsStream(resource)) {
			assertThat(in).as(resource).isNotNull();
			root = JsonMapper.builder().build().readTree(in);
		}
		HexFormat hex = HexFormat.of();
		List<Vector> vectors = new ArrayList<>();
		for (JsonNode group : root.get("testGroups")) {
			assertThat(group.get("sha").asString()).isEqualTo("SHA-384");
			assertThat(group.get("publicKey").get("curve").asString()).isEqualTo("secp384r1");
			PublicKey key = publicKey(hex.parseHex(group.get("publicKeyDer").asString()));
			for (JsonNode test : group.get("tests")) {
				vectors.add(new Vector(test.get("tcId").asInt(), test.get("comment").asString(), key,
						hex.parseHex(test.get("msg").asString()), hex.parseHex(test.get("sig").asString()),
						test.get("result").asString()));
			}
		}
		assertThat(vectors).hasSize(root.get("numberOfTests").asInt());
		return vectors;
	}

	private static PublicKey publicKey(byte[] spki) {
		try {
			return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(spki));
		}
		catch (java.security.GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	record Vector(int tcId, String comment, PublicKey key, byte[] msg, byte[] sig, String result) {

		@Override
		public String toString() {
			return "tcId " + this.tcId;
		}

	}

}
