package dev.sealdrop.format;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that hash chunks next to the thread sealing or opening them: daemons of a shared pool
 * that end after a few idle seconds, so a stream abandoned mid-way leaks no thread.
 */
final class HashThreads {

	/** Below this, a hand-off costs more than it saves: such updates run on the caller's thread. */
	static final int INLINE_BELOW = 64 * 1024;

	private static final AtomicInteger COUNT = new AtomicInteger();

	private static final ExecutorService EXECUTOR = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 5, TimeUnit.SECONDS,
			new SynchronousQueue<>(), (task) -> {
				Thread thread = new Thread(task, "sealdrop-sha256-" + COUNT.incrementAndGet());
				thread.setDaemon(true);
				return thread;
			});

	private HashThreads() {
	}

	static <T> Future<T> submit(Callable<T> job) {
		return EXECUTOR.submit(job);
	}

	/**
	 * The job's result. Waits uninterruptibly (a job takes milliseconds, and the caller may reuse the
	 * job's array only once it ended) and keeps the thread's interrupt status.
	 */
	static <T> T await(Future<T> job) {
		boolean interrupted = false;
		try {
			while (true) {
				try {
					return job.get();
				}
				catch (InterruptedException ex) {
					interrupted = true;
				}
				catch (ExecutionException ex) {
					throw new IllegalStateException("SHA-256 failed", ex.getCause());
				}
			}
		}
		finally {
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

}
