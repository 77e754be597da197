package dev.sealdrop.format;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.hpke.HPKE;
import org.bouncycastle.crypto.hpke.HPKEContext;
import org.bouncycastle.crypto.hpke.HPKEContextWithEncapsulation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Checks Bouncy Castle's HPKE, which {@link HpkeKeyWrap} uses, against vectors.
 *
 * <p>RFC 9180 publishes none for DHKEM(P-384), so the key schedule and sealing are checked with the
 * official DHKEM(P-256) vectors that share sealdrop's KDF (HKDF-SHA256) and AEAD (AES-256-GCM): in
 * base mode the sender side is derived from ikmE/ikmR and must reproduce enc, every ciphertext and
 * every exported value byte for byte; in all four modes the receiver opens every ciphertext. The
 * P-384 KEM itself is checked with receiver vectors for sealdrop's exact suite made by an independent
 * implementation (pyca/cryptography on OpenSSL).
 */
class HpkeVectorTests {

	private static final String RFC_FILE = "hpke/rfc9180-p256-sha256-aes256gcm.json";

	private static final String P384_FILE = "hpke/p384-sha256-aes256gcm-open.json";

	static List<JsonNode> rfcVectors() {
		List<JsonNode> vectors = new ArrayList<>();
		TestResources.json(RFC_FILE).forEach(vectors::add);
		return vectors;
	}

	static List<JsonNode> p384Vectors() {
		List<JsonNode> vectors = new ArrayList<>();
		TestResources.json(P384_FILE).forEach(vectors::add);
		return vectors;
	}

	@Test
	void loadsEveryVector() {
		assertThat(rfcVectors()).hasSize(4).allSatisfy(v -> {
			assertThat(v.get("kdf_id").asInt()).isEqualTo(HPKE.kdf_HKDF_SHA256);
			assertThat(v.get("aead_id").asInt()).isEqualTo(HPKE.aead_AES_GCM256);
			assertThat(v.get("encryptions")).hasSizeGreaterThan(0);
		});
		assertThat(rfcVectors()).extracting(v -> v.get("mode").asInt()).containsExactlyInAnyOrder(0, 1, 2, 3);
		assertThat(p384Vectors()).hasSize(6).allSatisfy(v -> {
			assertThat(v.get("kem_id").asInt()).isEqualTo(HPKE.kem_P384_SHA384);
			assertThat(v.get("kdf_id").asInt()).isEqualTo(HPKE.kdf_HKDF_SHA256);
			assertThat(v.get("aead_id").asInt()).isEqualTo(HPKE.aead_AES_GCM256);
			assertThat(v.get("mode").asInt()).isZero();
		});
	}

	@ParameterizedTest(name = "mode {0}")
	@MethodSource("rfcBaseVectors")
	void senderReproducesEncCiphertextsAndExportsOfTheRfcVector(int mode, JsonNode vector) throws Exception {
		HPKE hpke = new HPKE(HPKE.mode_base, HPKE.kem_P256_SHA256, HPKE.kdf_HKDF_SHA256, HPKE.aead_AES_GCM256);
		AsymmetricCipherKeyPair recipient = hpke.deriveKeyPair(bytes(vector, "ikmR"));
		AsymmetricCipherKeyPair ephemeral = hpke.deriveKeyPair(bytes(vector, "ikmE"));
		assertThat(hex(hpke.serializePublicKey(recipient.getPublic()))).isEqualTo(vector.get("pkRm").stringValue());
		assertThat(hex(hpke.serializePrivateKey(recipient.getPrivate()))).isEqualTo(vector.get("skRm").stringValue());
		assertThat(hex(hpke.serializePublicKey(ephemeral.getPublic()))).isEqualTo(vector.get("pkEm").stringValue());

		HPKEContextWithEncapsulation sender = hpke.setupBaseS(recipient.getPublic(), bytes(vector, "info"), ephemeral);
		assertThat(hex(sender.getEncapsulation())).isEqualTo(vector.get("enc").stringValue());
		int sealed = 0;
		for (JsonNode encryption : vector.get("encryptions")) {
			// The context's sequence number advances with each seal, as the vector's nonces do.
			assertThat(hex(sender.seal(bytes(encryption, "aad"), bytes(encryption, "pt"))))
				.isEqualTo(encryption.get("ct").stringValue());
			sealed++;
		}
		assertThat(sealed).isEqualTo(vector.get("encryptions").size()).isGreaterThan(0);
		for (JsonNode export : vector.get("exports")) {
			assertThat(hex(sender.export(bytes(export, "exporter_context"), export.get("L").asInt())))
				.isEqualTo(export.get("exported_value").stringValue());
		}
	}

	static Stream<Arguments> rfcBaseVectors() {
		return rfcVectors().stream().filter(v -> v.get("mode").asInt() == 0).map(v -> Arguments.of(0, v));
	}

	static Stream<Arguments> rfcAllModes() {
		return rfcVectors().stream().map(v -> Arguments.of(v.get("mode").asInt(), v));
	}

	@ParameterizedTest(name = "mode {0}")
	@MethodSource("rfcAllModes")
	void receiverOpensEveryCiphertextOfTheRfcVector(int mode, JsonNode vector) throws Exception {
		HPKE hpke = new HPKE((byte) mode, HPKE.kem_P256_SHA256, HPKE.kdf_HKDF_SHA256, HPKE.aead_AES_GCM256);
		AsymmetricCipherKeyPair recipient = hpke.deserializePrivateKey(bytes(vector, "skRm"), bytes(vector, "pkRm"));
		byte[] enc = bytes(vector, "enc");
		byte[] info = bytes(vector, "info");
		HPKEContext receiver = switch (mode) {
			case 0 -> hpke.setupBaseR(enc, recipient, info);
			case 1 -> hpke.setupPSKR(enc, recipient, info, bytes(vector, "psk"), bytes(vector, "psk_id"));
			case 2 -> hpke.setupAuthR(enc, recipient, info, hpke.deserializePublicKey(bytes(vector, "pkSm")));
			case 3 -> hpke.setupAuthPSKR(enc, recipient, info, bytes(vector, "psk"), bytes(vector, "psk_id"),
					hpke.deserializePublicKey(bytes(vector, "pkSm")));
			default -> throw new AssertionError("mode " + mode);
		};
		int opened = 0;
		for (JsonNode encryption : vector.get("encryptions")) {
			assertThat(hex(receiver.open(bytes(encryption, "aad"), bytes(encryption, "ct"))))
				.isEqualTo(encryption.get("pt").stringValue());
			opened++;
		}
		assertThat(opened).isGreaterThan(0);
	}

	@ParameterizedTest(name = "[{index}]")
	@MethodSource("p384Vectors")
	void p384ReceiverVectorOpensToItsPlaintext(JsonNode vector) throws Exception {
		assertThat(hex(open(vector, bytes(vector, "enc"), bytes(vector, "ct")))).isEqualTo(vector.get("pt").stringValue());
	}

	@ParameterizedTest(name = "[{index}]")
	@MethodSource("p384Vectors")
	void p384ReceiverVectorFailsWithAnyFlippedByteOfEncOrCiphertext(JsonNode vector) {
		byte[] enc = bytes(vector, "enc");
		byte[] ct = bytes(vector, "ct");
		for (int i = 0; i < enc.length; i++) {
			byte[] flipped = enc.clone();
			flipped[i] ^= 0x01;
			assertThat(catchThrowable(() -> open(vector, flipped, ct))).as("enc byte %d flipped", i).isNotNull();
		}
		for (int i = 0; i < ct.length; i++) {
			byte[] flipped = ct.clone();
			flipped[i] ^= 0x01;
			assertThat(catchThrowable(() -> open(vector, enc, flipped))).as("ct byte %d flipped", i).isNotNull();
		}
	}

	private static byte[] open(JsonNode vector, byte[] enc, byte[] ct) throws Exception {
		HPKE hpke = HpkeKeyWrap.suite();
		AsymmetricCipherKeyPair recipient = hpke.deserializePrivateKey(bytes(vector, "skRm"), bytes(vector, "pkRm"));
		return hpke.setupBaseR(enc, recipient, bytes(vector, "info")).open(bytes(vector, "aad"), ct);
	}

	private static byte[] bytes(JsonNode node, String name) {
		return Hex.decode(node.get(name).stringValue());
	}

	private static String hex(byte[] bytes) {
		return Hex.encode(bytes);
	}

}
