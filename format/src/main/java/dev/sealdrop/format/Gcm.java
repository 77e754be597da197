package dev.sealdrop.format;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM with a 96-bit nonce and a 128-bit tag appended to the ciphertext (FORMAT.md §2).
 * <p>
 * <b>Why the data goes through the cipher in slices.</b> HotSpot runs the AES-GCM, AES-CTR (and
 * SHA-256) intrinsics only when the JDK method that loops over the data is called from compiled
 * code. One {@code doFinal} per 1 MiB chunk is one call per MiB: the callers never reach the JIT's
 * thresholds and a whole transfer runs in the pure-Java fallback (about 50-100 MiB/s instead of
 * GB/s). Feeding {@link #SLICE}-sized pieces through {@code update} makes enough calls to get compiled.
 * The thresholds count calls, so the first {@link #WARM_SLICES} pieces in a JVM (8 MiB, shared by
 * every cipher call: sealing, and both passes of opening) are smaller still ({@link #WARM_SLICE}) and
 * the callers compile after a few MiB instead of about 30 (a CPU profile of a 1 GiB encryption
 * showed 0.25 s in the pure-Java GHASH before; 0.08 s after).
 * <p>
 * <b>How {@link #open} decrypts.</b> JDK 17's GCM decryption buffers all {@code update} input until
 * {@code doFinal} (so that no unauthenticated plaintext leaves the cipher), which makes slicing
 * useless there. {@code open} therefore computes the same result from two operations that do slice:
 * <ol>
 * <li>GCM's ciphertext is AES-CTR of the plaintext starting at counter block {@code J0 + 1}, which for
 * a 96-bit nonce is {@code nonce || 00000002} (NIST SP 800-38D §7.1). {@code AES/CTR/NoPadding}
 * increments the whole 128-bit block where GCM increments the low 32 bits only; the two agree while
 * the low word does not wrap, which takes more than 2^32 - 2 blocks (64 GiB), far beyond any Java
 * array. So CTR-decrypting the ciphertext from that block yields GCM's plaintext.</li>
 * <li>GCM encryption is deterministic for a given key, nonce and additional data, so re-encrypting
 * that plaintext with them reproduces the ciphertext and its tag. The recomputed tag is compared with
 * the received one in constant time ({@link MessageDigest#isEqual}).</li>
 * </ol>
 * The candidate plaintext is written only into the caller's output buffer, is not returned unless the
 * tags match, and is overwritten with zeros when they don't. Re-encrypting under a (key, nonce) pair
 * that was already used is harmless here: the output is the received ciphertext again, nothing new is
 * revealed and the cipher's output other than the tag is discarded.
 */
final class Gcm {

	static final int TAG_LENGTH = 16;

	static final int NONCE_LENGTH = 12;

	/** The piece size handed to the cipher per call; 2 KiB was fastest of 512 B to 16 KiB on JDK 17 and 25. */
	static final int SLICE = 2 * 1024;

	/** The piece size while the JIT has not yet compiled the cipher's callers. */
	static final int WARM_SLICE = 128;

	/** How many {@link #WARM_SLICE} pieces a JVM hands over before it switches to {@link #SLICE}. */
	static final int WARM_SLICES = 64 * 1024;

	// shared by all instances and threads: compilation is per JVM
	private static final AtomicInteger warmSlicesLeft = new AtomicInteger(WARM_SLICES);

	private final SecretKeySpec key;

	private final byte[] aad;

	/*
	 * One Cipher of each kind for all messages under this key: Cipher.getInstance looks the provider
	 * up and every new instance expands the AES key again, which per 1 MiB chunk cost more in JIT
	 * compilation (both paths get hot enough for C2) than in the work itself. Re-initialising an
	 * instance with the same key keeps its key schedule.
	 */
	private Cipher gcm;

	private Cipher ctr;

	/**
	 * Messages under {@code key} with the same additional data {@code aad}, sealed or opened one at a
	 * time (an instance is not thread-safe).
	 */
	Gcm(byte[] key, byte[] aad) {
		this.key = new SecretKeySpec(key, "AES");
		this.aad = aad.clone();
	}

	static byte[] seal(byte[] key, byte[] nonce, byte[] aad, byte[] plaintext, int off, int len) {
		byte[] sealed = new byte[len + TAG_LENGTH];
		new Gcm(key, aad).seal(nonce, plaintext, off, len, sealed, 0);
		return sealed;
	}

	static int seal(byte[] key, byte[] nonce, byte[] aad, byte[] plaintext, int off, int len, byte[] out, int outOff) {
		return new Gcm(key, aad).seal(nonce, plaintext, off, len, out, outOff);
	}

	/** Returns the plaintext, or {@code null} if the ciphertext does not authenticate. */
	static byte[] open(byte[] key, byte[] nonce, byte[] aad, byte[] sealed, int off, int len) {
		if (len < TAG_LENGTH) {
			return null;
		}
		byte[] plaintext = new byte[len - TAG_LENGTH];
		return (open(key, nonce, aad, sealed, off, len, plaintext, 0) < 0) ? null : plaintext;
	}

	static int open(byte[] key, byte[] nonce, byte[] aad, byte[] sealed, int off, int len, byte[] out, int outOff) {
		return new Gcm(key, aad).open(nonce, sealed, off, len, out, outOff);
	}

	/**
	 * Seals {@code len} bytes of {@code plaintext} into {@code out} at {@code outOff} (ciphertext, then the
	 * tag) and returns {@code len + 16}. {@code out} must not overlap the input.
	 */
	int seal(byte[] nonce, byte[] plaintext, int off, int len, byte[] out, int outOff) {
		java.util.Objects.checkFromIndexSize(off, len, plaintext.length);
		java.util.Objects.checkFromIndexSize(outOff, len + TAG_LENGTH, out.length);
		checkNonce(nonce);
		try {
			Cipher cipher = gcm(nonce);
			int written = 0;
			for (int p = 0, n; p < len; p += n) {
				n = Math.min(slice(), len - p);
				written += cipher.update(plaintext, off + p, n, out, outOff + written);
			}
			written += cipher.doFinal(out, outOff + written);
			if (written != len + TAG_LENGTH) {
				throw new IllegalStateException("AES-256-GCM returned " + written + " bytes for " + len);
			}
			return written;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-256-GCM is not available", ex);
		}
	}

	/**
	 * Opens {@code len} sealed bytes into {@code out} at {@code outOff} and returns the plaintext length,
	 * or -1 if they do not authenticate (then the {@code len - 16} bytes at {@code outOff} are zeros).
	 * {@code out} must not overlap the input. See the class comment for the construction.
	 */
	int open(byte[] nonce, byte[] sealed, int off, int len, byte[] out, int outOff) {
		java.util.Objects.checkFromIndexSize(off, len, sealed.length);
		if (len < TAG_LENGTH) {
			return -1;
		}
		checkNonce(nonce);
		int textLength = len - TAG_LENGTH;
		java.util.Objects.checkFromIndexSize(outOff, textLength, out.length);
		try {
			Cipher ctr = ctr(nonce);
			int written = 0;
			for (int p = 0, n; p < textLength; p += n) {
				n = Math.min(slice(), textLength - p);
				written += ctr.update(sealed, off + p, n, out, outOff + written);
			}
			written += ctr.doFinal(out, outOff + written);
			if (written != textLength) {
				throw new IllegalStateException("AES-CTR returned " + written + " bytes for " + textLength);
			}
			byte[] tag = tag(nonce, out, outOff, textLength);
			if (!MessageDigest.isEqual(tag, Arrays.copyOfRange(sealed, off + textLength, off + len))) {
				Arrays.fill(out, outOff, outOff + textLength, (byte) 0);
				return -1;
			}
			return textLength;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-256-GCM is not available", ex);
		}
	}

	// GCM-encrypts the plaintext again and keeps only the tag (the ciphertext goes to a scratch buffer)
	private byte[] tag(byte[] nonce, byte[] plaintext, int off, int len) throws GeneralSecurityException {
		Cipher cipher = gcm(nonce);
		byte[] scratch = new byte[Math.min(len, SLICE) + 2 * TAG_LENGTH];
		for (int p = 0, n; p < len; p += n) {
			n = Math.min(slice(), len - p);
			cipher.update(plaintext, off + p, n, scratch, 0);
		}
		int last = cipher.doFinal(scratch, 0);
		if (last < TAG_LENGTH) {
			throw new IllegalStateException("AES-256-GCM returned no tag");
		}
		return Arrays.copyOfRange(scratch, last - TAG_LENGTH, last);
	}

	static int slice() {
		// a plain read once warm: no contended write per piece on a busy server
		return (warmSlicesLeft.get() > 0 && warmSlicesLeft.getAndDecrement() > 0) ? WARM_SLICE : SLICE;
	}

	/** Makes the next {@code slices} pieces warm-up sized again, for tests of that phase. */
	static void warmUpAgain(int slices) {
		warmSlicesLeft.set(slices);
	}

	/** Warm-up pieces this JVM has left. */
	static int warmSlicesLeft() {
		return Math.max(0, warmSlicesLeft.get());
	}

	// open() depends on J0 = nonce || 00000001, which holds for 96-bit nonces only
	private static void checkNonce(byte[] nonce) {
		if (nonce.length != NONCE_LENGTH) {
			throw new IllegalArgumentException("the nonce is 12 bytes");
		}
	}

	private Cipher gcm(byte[] nonce) throws GeneralSecurityException {
		GCMParameterSpec spec = new GCMParameterSpec(TAG_LENGTH * 8, nonce);
		if (this.gcm == null) {
			this.gcm = Cipher.getInstance("AES/GCM/NoPadding");
		}
		try {
			this.gcm.init(Cipher.ENCRYPT_MODE, this.key, spec);
		}
		catch (InvalidAlgorithmParameterException ex) {
			// The JDK refuses the nonce this instance used last (opening the chunk just sealed, or the
			// same message twice): a fresh instance has no such memory and computes the same output.
			this.gcm = Cipher.getInstance("AES/GCM/NoPadding");
			this.gcm.init(Cipher.ENCRYPT_MODE, this.key, spec);
		}
		if (this.aad.length > 0) {
			this.gcm.updateAAD(this.aad);
		}
		return this.gcm;
	}

	// AES-CTR from GCM's first data counter block, J0 + 1 = nonce || 00000002
	private Cipher ctr(byte[] nonce) throws GeneralSecurityException {
		byte[] counter = Arrays.copyOf(nonce, 16);
		counter[15] = 2;
		if (this.ctr == null) {
			this.ctr = Cipher.getInstance("AES/CTR/NoPadding");
		}
		this.ctr.init(Cipher.DECRYPT_MODE, this.key, new IvParameterSpec(counter));
		return this.ctr;
	}

}
