package dev.sealdrop.format;

import java.security.MessageDigest;
import java.util.concurrent.Future;

/**
 * A running SHA-256 whose large updates run on a {@link HashThreads} thread, one at a time and in
 * order, so that hashing a chunk overlaps sealing or opening the next one (two SHA-256 passes and
 * AES-GCM per byte do not fit the throughput of one core).
 * <p>
 * At most one update is in flight: {@link #update} first waits for the previous one. The caller must
 * not modify an array it passed to {@link #update} until the next {@link #update}, {@link #await()} or
 * {@link #digest()} has returned.
 */
final class BackgroundSha256 {

	private final MessageDigest digest = Sha256.newDigest();

	private Future<?> pending;

	void update(byte[] data, int off, int len) {
		java.util.Objects.checkFromIndexSize(off, len, data.length);
		await();
		if (len < HashThreads.INLINE_BELOW) {
			Sha256.update(this.digest, data, off, len);
			return;
		}
		this.pending = HashThreads.submit(() -> {
			Sha256.update(this.digest, data, off, len);
			return null;
		});
	}

	/** Waits until no update is in flight (the arrays passed so far are no longer read). */
	void await() {
		Future<?> job = this.pending;
		if (job != null) {
			this.pending = null;
			HashThreads.await(job);
		}
	}

	/** The digest of everything passed to {@link #update}; resets it. */
	byte[] digest() {
		await();
		return this.digest.digest();
	}

}
