package dev.sealdrop.format;

import java.math.BigInteger;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.sealdrop.format.TestResources.WycheproofCase;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Project Wycheproof ECDH P-384 vectors in all four public key encodings, run through the key
 * parsers ({@link Recipient}, {@link Identity}) and {@link Ecdh}: every valid case gives the
 * expected shared secret, every invalid public key is refused with {@link InvalidKeyException}, and
 * an acceptable case either works correctly or is refused the same way.
 */
class WycheproofEcdhTests {

	private static final List<String> FILES = List.of("ecdh_secp384r1_test.json", "ecdh_secp384r1_ecpoint_test.json",
			"ecdh_secp384r1_pem_test.json", "ecdh_secp384r1_webcrypto_test.json");

	static Stream<Arguments> vectors() {
		return FILES.stream()
			.flatMap(file -> TestResources.wycheproof(file).stream().map(c -> Arguments.of(file, c)));
	}

	@Test
	void loadsEveryVectorOfEveryFile() {
		assertThat(FILES).allSatisfy(file -> assertThat(TestResources.wycheproof(file))
			.hasSize(TestResources.wycheproofCount(file))
			.hasSizeGreaterThan(700));
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("vectors")
	void agreesOrRefuses(String file, WycheproofCase vector) throws Exception {
		Identity mine = identity(vector);
		switch (vector.result()) {
			case "valid" -> assertThat(Hex.encode(Ecdh.sharedSecretX(mine, recipient(vector))))
				.isEqualTo(vector.hex("shared"));
			case "invalid" -> assertThatExceptionOfType(InvalidKeyException.class).isThrownBy(() -> recipient(vector));
			case "acceptable" -> {
				Throwable thrown = catchThrowable(() -> {
					byte[] shared = Ecdh.sharedSecretX(mine, recipient(vector));
					assertThat(Hex.encode(shared)).isEqualTo(vector.hex("shared"));
				});
				if (thrown != null) {
					assertThat(thrown).isInstanceOf(InvalidKeyException.class);
				}
			}
			default -> throw new AssertionError("unknown result " + vector.result());
		}
	}

	private static Recipient recipient(WycheproofCase vector) throws InvalidKeyException {
		JsonNode publicKey = vector.test().get("public");
		return switch (vector.group().get("encoding").stringValue()) {
			case "asn" -> Recipient.fromSpki(Hex.decode(publicKey.stringValue()));
			case "ecpoint" -> Recipient.fromPoint(Hex.decode(publicKey.stringValue()));
			case "pem" -> Recipient.fromPem(publicKey.stringValue());
			case "webcrypto" -> Recipient.fromJwk(publicKey.toString());
			default -> throw new AssertionError("unknown encoding");
		};
	}

	private static Identity identity(WycheproofCase vector) throws InvalidKeyException {
		JsonNode privateKey = vector.test().get("private");
		return switch (vector.group().get("encoding").stringValue()) {
			case "asn", "ecpoint" -> Identity.of(P384.privateKey(new BigInteger(privateKey.stringValue(), 16)));
			case "pem" -> Identity.fromPem(privateKey.stringValue(), null);
			case "webcrypto" -> Identity.of(P384.privateKey(Jwk.parse(privateKey.toString()).privateScalar()));
			default -> throw new AssertionError("unknown encoding");
		};
	}

}
