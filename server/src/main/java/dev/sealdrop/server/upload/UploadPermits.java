package dev.sealdrop.server.upload;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

import dev.sealdrop.server.problem.ApiException;
import dev.sealdrop.server.problem.ProblemType;

/**
 * Caps concurrent uploads per user: a request over the cap fails at once with 429 instead of
 * queueing (a queued upload would hold a connection and a request thread while it waits).
 */
final class UploadPermits {

	private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

	private final int perUser;

	private final Map<String, Semaphore> semaphores = new ConcurrentHashMap<>();

	UploadPermits(int perUser) {
		this.perUser = perUser;
	}

	/**
	 * Takes a permit for {@code userId}; close the returned permit to give it back.
	 * @throws ApiException too-many-uploads when the user already runs the maximum
	 */
	Permit acquire(String userId) {
		Semaphore semaphore = this.semaphores.computeIfAbsent(userId, id -> new Semaphore(this.perUser));
		if (!semaphore.tryAcquire()) {
			throw new ApiException(ProblemType.TOO_MANY_UPLOADS, "You already have " + this.perUser
					+ " upload(s) running; wait for one to finish and retry.", Map.of("limit", this.perUser),
					RETRY_AFTER, null);
		}
		return new Permit(semaphore);
	}

	/** How many uploads {@code userId} is running now. */
	int running(String userId) {
		Semaphore semaphore = this.semaphores.get(userId);
		return semaphore == null ? 0 : this.perUser - semaphore.availablePermits();
	}

	/** A held permit; closing it twice releases once. */
	static final class Permit implements AutoCloseable {

		private Semaphore semaphore;

		Permit(Semaphore semaphore) {
			this.semaphore = semaphore;
		}

		@Override
		public void close() {
			if (this.semaphore != null) {
				this.semaphore.release();
				this.semaphore = null;
			}
		}

	}

}
