package dev.sealdrop.client.net;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One shared daemon timer thread for idle timeouts on blocking reads: a read that may hang is
 * bracketed by {@link #arm} and {@code cancel}, and if it takes too long the action (closing the
 * stream, which wakes the blocked reader with an IOException) runs.
 */
final class Watchdog {

	private static final ScheduledThreadPoolExecutor TIMER = create();

	private Watchdog() {
	}

	static ScheduledFuture<?> arm(long millis, Runnable action) {
		return TIMER.schedule(action, millis, TimeUnit.MILLISECONDS);
	}

	private static ScheduledThreadPoolExecutor create() {
		ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, runnable -> {
			Thread thread = new Thread(runnable, "sealdrop-idle-watchdog");
			thread.setDaemon(true);
			return thread;
		});
		// Most reads finish in time: drop their cancelled timers at once instead of keeping them queued.
		timer.setRemoveOnCancelPolicy(true);
		return timer;
	}

}
