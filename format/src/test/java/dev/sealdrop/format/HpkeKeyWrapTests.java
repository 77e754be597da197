package dev.sealdrop.format;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.crypto.hpke.HPKE;
import org.bouncycastle.crypto.hpke.HPKEContextWithEncapsulation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class HpkeKeyWrapTests {

	private static Identity alice;

	private static Identity bob;

	@BeforeAll
	static void keys() {
		alice = Identity.generate();
		bob = Identity.generate();
	}

	@Test
	void unwrapsWhatItWrapsForTheRecipient() throws Exception {
		FileKey key = FileKey.generate();
		WrappedKey stanza = HpkeKeyWrap.wrap(key, alice.recipient());
		assertThat(stanza.recipient()).isEqualTo(alice.fingerprint());
		assertThat(stanza.enc()).hasSize(97).startsWith(0x04);
		assertThat(stanza.encryptedKey()).hasSize(48);
		assertThat(HpkeKeyWrap.unwrap(stanza, alice).bytes()).isEqualTo(key.bytes());
	}

	@Test
	void usesAFreshEphemeralKeyForEveryWrap() {
		FileKey key = FileKey.generate();
		WrappedKey first = HpkeKeyWrap.wrap(key, alice.recipient());
		WrappedKey second = HpkeKeyWrap.wrap(key, alice.recipient());
		assertThat(first.enc()).isNotEqualTo(second.enc());
		assertThat(first.encryptedKey()).isNotEqualTo(second.encryptedKey());
	}

	@Test
	void infoIsTheLabelAZeroByteAndTheFingerprint() {
		byte[] info = HpkeKeyWrap.info(alice.fingerprint());
		byte[] label = "sealdrop/v1 file-key".getBytes(StandardCharsets.US_ASCII);
		assertThat(info).hasSize(53).startsWith(label).endsWith(alice.fingerprint().bytes());
		assertThat(info[label.length]).isZero();
	}

	@Test
	void refusesEveryFlippedByteOfEncAndCiphertext() {
		WrappedKey stanza = HpkeKeyWrap.wrap(FileKey.generate(), alice.recipient());
		byte[] enc = stanza.enc();
		byte[] ct = stanza.encryptedKey();
		for (int i = 0; i < enc.length; i++) {
			byte[] flipped = enc.clone();
			flipped[i] ^= 0x40;
			assertDoesNotOpen(new WrappedKey(alice.fingerprint(), flipped, ct), alice);
		}
		for (int i = 0; i < ct.length; i++) {
			byte[] flipped = ct.clone();
			flipped[i] ^= 0x01;
			assertDoesNotOpen(new WrappedKey(alice.fingerprint(), enc, flipped), alice);
		}
	}

	@Test
	void refusesTruncatedOrExtendedParts() {
		WrappedKey stanza = HpkeKeyWrap.wrap(FileKey.generate(), alice.recipient());
		byte[] enc = stanza.enc();
		byte[] ct = stanza.encryptedKey();
		assertDoesNotOpen(new WrappedKey(alice.fingerprint(), java.util.Arrays.copyOf(enc, 96), ct), alice);
		assertDoesNotOpen(new WrappedKey(alice.fingerprint(), java.util.Arrays.copyOf(enc, 98), ct), alice);
		assertDoesNotOpen(new WrappedKey(alice.fingerprint(), enc, java.util.Arrays.copyOf(ct, 47)), alice);
		assertDoesNotOpen(new WrappedKey(alice.fingerprint(), enc, java.util.Arrays.copyOf(ct, 49)), alice);
		assertDoesNotOpen(new WrappedKey(alice.fingerprint(), new byte[0], new byte[0]), alice);
	}

	@Test
	void refusesAnEphemeralKeyThatIsNotOnTheCurve() {
		WrappedKey stanza = HpkeKeyWrap.wrap(FileKey.generate(), alice.recipient());
		byte[] enc = stanza.enc();
		enc[96] ^= 0x01;
		assertDoesNotOpen(new WrappedKey(alice.fingerprint(), enc, stanza.encryptedKey()), alice);
	}

	@Test
	void aStanzaForAnotherKeyRelabelledAsOursDoesNotOpen() {
		WrappedKey forAlice = HpkeKeyWrap.wrap(FileKey.generate(), alice.recipient());
		assertDoesNotOpen(new WrappedKey(bob.fingerprint(), forAlice.enc(), forAlice.encryptedKey()), bob);
	}

	@Test
	void theFingerprintInTheInfoIsBound() throws Exception {
		// Sealed to Bob's key but with Alice's fingerprint in the info: a stanza replayed from one
		// recipient's slot to another's must not open even though the HPKE key matches.
		HPKE hpke = HpkeKeyWrap.suite();
		HPKEContextWithEncapsulation sender = hpke.setupBaseS(hpke.deserializePublicKey(bob.recipient().point()),
				HpkeKeyWrap.info(alice.fingerprint()));
		byte[] ct = sender.seal(new byte[0], FileKey.generate().bytes());
		assertDoesNotOpen(new WrappedKey(bob.fingerprint(), sender.getEncapsulation(), ct), bob);
	}

	@Test
	void offeringAStanzaToAKeyItDoesNotNameIsACallerError() {
		WrappedKey forAlice = HpkeKeyWrap.wrap(FileKey.generate(), alice.recipient());
		assertThatIllegalArgumentException().isThrownBy(() -> HpkeKeyWrap.unwrap(forAlice, bob));
	}

	static List<JsonNode> pycaStanzas() {
		List<JsonNode> stanzas = new ArrayList<>();
		TestResources.json("hpke/sealdrop-file-key-pyca.json").forEach(stanzas::add);
		return stanzas;
	}

	@Test
	void loadsThePycaStanzas() {
		assertThat(pycaStanzas()).hasSize(4);
	}

	@ParameterizedTest(name = "[{index}]")
	@MethodSource("pycaStanzas")
	void unwrapsStanzasMadeByAnIndependentImplementation(JsonNode vector) throws Exception {
		Identity identity = Identity.of(P384.privateKey(new java.math.BigInteger(1, Hex.decode(vector.get("skRm").stringValue()))));
		assertThat(identity.recipient().point()).isEqualTo(Hex.decode(vector.get("pkRm").stringValue()));
		assertThat(identity.fingerprint().toString()).isEqualTo(vector.get("fingerprint").stringValue());
		assertThat(HpkeKeyWrap.info(identity.fingerprint())).isEqualTo(Hex.decode(vector.get("info").stringValue()));
		WrappedKey stanza = new WrappedKey(identity.fingerprint(), Hex.decode(vector.get("enc").stringValue()),
				Hex.decode(vector.get("encrypted_key").stringValue()));
		assertThat(Hex.encode(HpkeKeyWrap.unwrap(stanza, identity).bytes())).isEqualTo(vector.get("file_key").stringValue());
	}

	private static void assertDoesNotOpen(WrappedKey stanza, Identity identity) {
		assertThatExceptionOfType(IntegrityException.class).isThrownBy(() -> HpkeKeyWrap.unwrap(stanza, identity))
			.withMessage("recipient stanza for " + identity.fingerprint() + " does not open");
	}

}
