package dev.sealdrop.format;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.sealdrop.format.TestResources.WycheproofCase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link Gcm}'s sliced sealing and its CTR-plus-recomputed-tag opening against the JDK's
 * {@code AES/GCM/NoPadding} and the Wycheproof vectors: equal output for every length class, and
 * every modification refused.
 */
class GcmTests {

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final int MIB = 1 << 20;

	static List<WycheproofCase> wycheproof() {
		return WycheproofAesGcmTests.vectors();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("wycheproof")
	void opensValidWycheproofCasesAndRefusesInvalidOnes(WycheproofCase vector) {
		byte[] key = Hex.decode(vector.hex("key"));
		byte[] iv = Hex.decode(vector.hex("iv"));
		byte[] aad = Hex.decode(vector.hex("aad"));
		byte[] msg = Hex.decode(vector.hex("msg"));
		byte[] sealed = Hex.decode(vector.hex("ct") + vector.hex("tag"));
		byte[] out = new byte[sealed.length + 3];
		Arrays.fill(out, (byte) 0x55);
		// at an offset, with bytes around the sealed message, to catch off-by-offset slicing
		byte[] framed = frame(sealed, 5, 7);
		if (vector.result().equals("valid")) {
			assertThat(Gcm.seal(key, iv, aad, msg, 0, msg.length)).isEqualTo(sealed);
			assertThat(Gcm.open(key, iv, aad, sealed, 0, sealed.length)).isEqualTo(msg);
			assertThat(Gcm.open(key, iv, aad, framed, 5, sealed.length, out, 3)).isEqualTo(msg.length);
			assertThat(Arrays.copyOfRange(out, 3, 3 + msg.length)).isEqualTo(msg);
		}
		else {
			assertThat(vector.result()).isEqualTo("invalid");
			assertThat(Gcm.open(key, iv, aad, sealed, 0, sealed.length)).isNull();
			assertThat(Gcm.open(key, iv, aad, framed, 5, sealed.length, out, 3)).isEqualTo(-1);
		}
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 1, 15, 16, 17, 31, 33, Gcm.SLICE - 1, Gcm.SLICE, Gcm.SLICE + 1, 65535, MIB - 1, MIB,
			MIB + 16 })
	void sealsAndOpensLikeTheJdkForEveryLengthClass(int length) throws Exception {
		for (byte[] aad : List.of(new byte[0], random(1), random(32), random(77))) {
			byte[] key = random(32);
			byte[] nonce = random(12);
			byte[] plaintext = random(length);
			byte[] expected = jdk(Cipher.ENCRYPT_MODE, key, nonce, aad).doFinal(plaintext);

			assertThat(Gcm.seal(key, nonce, aad, plaintext, 0, length)).isEqualTo(expected);
			byte[] into = new byte[length + Gcm.TAG_LENGTH + 9];
			assertThat(Gcm.seal(key, nonce, aad, frame(plaintext, 2, 1), 2, length, into, 9))
				.isEqualTo(length + Gcm.TAG_LENGTH);
			assertThat(Arrays.copyOfRange(into, 9, into.length)).isEqualTo(expected);

			assertThat(Gcm.open(key, nonce, aad, expected, 0, expected.length)).isEqualTo(plaintext);
			byte[] out = new byte[length + 4];
			assertThat(Gcm.open(key, nonce, aad, frame(expected, 3, 2), 3, expected.length, out, 4)).isEqualTo(length);
			assertThat(Arrays.copyOfRange(out, 4, out.length)).isEqualTo(plaintext);
			assertThat(jdk(Cipher.DECRYPT_MODE, key, nonce, aad).doFinal(expected)).isEqualTo(plaintext);
		}
	}

	@Test
	void refusesEveryFlippedBitOfASmallMessage() {
		byte[] key = random(32);
		byte[] nonce = random(12);
		byte[] aad = random(20);
		byte[] sealed = Gcm.seal(key, nonce, aad, random(33), 0, 33);
		for (int bit = 0; bit < sealed.length * 8; bit++) {
			assertThat(Gcm.open(key, nonce, aad, flip(sealed, bit), 0, sealed.length)).as("bit %d", bit).isNull();
		}
		for (int bit = 0; bit < 96; bit++) {
			assertThat(Gcm.open(key, flip(nonce, bit), aad, sealed, 0, sealed.length)).as("nonce bit %d", bit).isNull();
		}
		for (int bit = 0; bit < aad.length * 8; bit++) {
			assertThat(Gcm.open(key, nonce, flip(aad, bit), sealed, 0, sealed.length)).as("aad bit %d", bit).isNull();
		}
		for (int bit = 0; bit < 256; bit += 7) {
			assertThat(Gcm.open(flip(key, bit), nonce, aad, sealed, 0, sealed.length)).as("key bit %d", bit).isNull();
		}
	}

	@Test
	void refusesFlippedBitsAcrossALargeMessageAndZeroesTheOutput() {
		byte[] key = random(32);
		byte[] nonce = random(12);
		byte[] aad = random(32);
		int length = MIB + 16;
		byte[] sealed = Gcm.seal(key, nonce, aad, random(length), 0, length);
		byte[] out = new byte[length];
		// every slice boundary class, the middle, the last ciphertext byte and every tag byte
		int[] bytes = IntStream.concat(
				IntStream.of(0, 1, 15, 16, Gcm.SLICE - 1, Gcm.SLICE, Gcm.SLICE + 1, length / 2, length - 1),
				IntStream.range(length, length + Gcm.TAG_LENGTH))
			.toArray();
		for (int index : bytes) {
			for (int bit : new int[] { 0, 3, 7 }) {
				Arrays.fill(out, (byte) 1);
				assertThat(Gcm.open(key, nonce, aad, flip(sealed, index * 8 + bit), 0, sealed.length, out, 0))
					.as("byte %d bit %d", index, bit)
					.isEqualTo(-1);
				assertThat(out).as("no candidate plaintext left behind").containsOnly(0);
			}
		}
	}

	@Test
	void refusesTruncatedAndExtendedMessages() {
		byte[] key = random(32);
		byte[] nonce = random(12);
		byte[] sealed = Gcm.seal(key, nonce, new byte[0], random(40), 0, 40);
		for (int length = 0; length < sealed.length; length++) {
			assertThat(Gcm.open(key, nonce, new byte[0], sealed, 0, length)).as("length %d", length).isNull();
		}
		byte[] longer = Arrays.copyOf(sealed, sealed.length + 1);
		assertThat(Gcm.open(key, nonce, new byte[0], longer, 0, longer.length)).isNull();
		assertThat(Gcm.open(key, nonce, new byte[0], longer, 1, sealed.length)).isNull();
	}

	@Test
	void opensAnEmptyPlaintext() {
		byte[] key = random(32);
		byte[] nonce = random(12);
		byte[] sealed = Gcm.seal(key, nonce, new byte[] { 1 }, new byte[0], 0, 0);
		assertThat(sealed).hasSize(Gcm.TAG_LENGTH);
		assertThat(Gcm.open(key, nonce, new byte[] { 1 }, sealed, 0, sealed.length)).isEmpty();
		assertThat(Gcm.open(key, nonce, new byte[] { 2 }, sealed, 0, sealed.length)).isNull();
	}

	@Test
	void refusesNoncesOtherThan96Bits() {
		byte[] key = random(32);
		byte[] sealed = new byte[32];
		assertThatIllegalArgumentException().isThrownBy(() -> Gcm.open(key, new byte[16], new byte[0], sealed, 0, 32));
		assertThatIllegalArgumentException().isThrownBy(() -> Gcm.seal(key, new byte[8], new byte[0], sealed, 0, 16));
	}

	@Test
	void agreesWithTheJdkOnRandomInput() throws Exception {
		for (int i = 0; i < 200; i++) {
			int length = RANDOM.nextInt(3 * Gcm.SLICE);
			byte[] key = random(32);
			byte[] nonce = random(12);
			byte[] aad = random(RANDOM.nextInt(64));
			byte[] plaintext = random(length);
			byte[] sealed = jdk(Cipher.ENCRYPT_MODE, key, nonce, aad).doFinal(plaintext);
			assertThat(Gcm.seal(key, nonce, aad, plaintext, 0, length)).isEqualTo(sealed);
			assertThat(Gcm.open(key, nonce, aad, sealed, 0, sealed.length)).isEqualTo(plaintext);
			byte[] tampered = flip(sealed, RANDOM.nextInt(sealed.length * 8));
			assertThat(Gcm.open(key, nonce, aad, tampered, 0, tampered.length)).isNull();
			try {
				jdk(Cipher.DECRYPT_MODE, key, nonce, aad).doFinal(tampered);
				throw new AssertionError("the JDK opened a tampered message");
			}
			catch (AEADBadTagException expected) {
				// both refuse
			}
		}
	}

	@Test
	void oneInstanceSealsAndOpensManyMessagesLikeTheJdk() throws Exception {
		byte[] key = random(32);
		byte[] aad = random(32);
		Gcm gcm = new Gcm(key, aad);
		for (int i = 0; i < 40; i++) {
			byte[] nonce = random(12);
			byte[] msg = random(RANDOM.nextInt(3 * Gcm.SLICE));
			byte[] sealed = new byte[msg.length + 16];
			assertThat(gcm.seal(nonce, msg, 0, msg.length, sealed, 0)).isEqualTo(sealed.length);
			assertThat(sealed).isEqualTo(jdk(Cipher.ENCRYPT_MODE, key, nonce, aad).doFinal(msg));
			byte[] opened = new byte[msg.length];
			assertThat(gcm.open(nonce, sealed, 0, sealed.length, opened, 0)).isEqualTo(msg.length);
			assertThat(opened).isEqualTo(msg);
			// the kept cipher must not carry a failed message's state into the next one
			assertThat(gcm.open(nonce, flip(sealed, 8 * sealed.length - 1), 0, sealed.length, opened, 0)).isEqualTo(-1);
		}
	}

	@Test
	void sealsAndOpensLikeTheJdkAcrossTheWarmUpPhase() throws Exception {
		// a message whose first pieces are warm-up sized and the rest full sized, and one of each kind
		int warm = 100;
		for (int length : new int[] { MIB + 5, 3 * Gcm.SLICE }) {
			Gcm.warmUpAgain(warm);
			byte[] key = random(32);
			byte[] nonce = random(12);
			byte[] aad = random(32);
			byte[] msg = random(length);
			byte[] sealed = new byte[length + 16];
			Gcm gcm = new Gcm(key, aad);
			assertThat(gcm.seal(nonce, msg, 0, length, sealed, 0)).isEqualTo(sealed.length);
			assertThat(sealed).isEqualTo(jdk(Cipher.ENCRYPT_MODE, key, nonce, aad).doFinal(msg));
			byte[] opened = new byte[length];
			assertThat(gcm.open(nonce, sealed, 0, sealed.length, opened, 0)).isEqualTo(length);
			assertThat(opened).isEqualTo(msg);
			assertThat(gcm.open(nonce, flip(sealed, 8 * length / 2), 0, sealed.length, opened, 0)).isEqualTo(-1);
			assertThat(opened).containsOnly(0);
		}
		// the warm-up pieces were used up (other tests running alongside may have taken some)
		assertThat(Gcm.warmSlicesLeft()).isZero();
		assertThat(Gcm.slice()).isEqualTo(Gcm.SLICE);
		Gcm.warmUpAgain(1);
		assertThat(Gcm.slice()).isEqualTo(Gcm.WARM_SLICE);
		assertThat(Gcm.slice()).isEqualTo(Gcm.SLICE);
	}

	@Test
	void oneInstanceRepeatsANonceWhenAskedTo() throws Exception {
		// The JDK refuses a GCM encryption with the nonce its instance used last; opening a chunk just
		// sealed, or sealing the same message again, recomputes under that nonce and must still work.
		byte[] key = random(32);
		byte[] nonce = random(12);
		byte[] msg = random(5000);
		Gcm gcm = new Gcm(key, new byte[0]);
		byte[] first = new byte[msg.length + 16];
		byte[] second = new byte[msg.length + 16];
		gcm.seal(nonce, msg, 0, msg.length, first, 0);
		gcm.seal(nonce, msg, 0, msg.length, second, 0);
		assertThat(second).isEqualTo(first);
		byte[] opened = new byte[msg.length];
		assertThat(gcm.open(nonce, first, 0, first.length, opened, 0)).isEqualTo(msg.length);
		assertThat(gcm.open(nonce, first, 0, first.length, opened, 0)).isEqualTo(msg.length);
		assertThat(opened).isEqualTo(msg);
	}

	private static Cipher jdk(int mode, byte[] key, byte[] nonce, byte[] aad) throws Exception {
		Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
		cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
		cipher.updateAAD(aad);
		return cipher;
	}

	private static byte[] frame(byte[] data, int before, int after) {
		byte[] framed = random(before + data.length + after);
		System.arraycopy(data, 0, framed, before, data.length);
		return framed;
	}

	private static byte[] flip(byte[] data, int bit) {
		byte[] copy = data.clone();
		copy[bit / 8] ^= (byte) (1 << (bit % 8));
		return copy;
	}

	private static byte[] random(int length) {
		byte[] bytes = new byte[length];
		RANDOM.nextBytes(bytes);
		return bytes;
	}

}
