package dev.sealdrop.client.net;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * An idle timeout for the blocking reads of one stream: a read is bracketed by {@link #enter()} and
 * {@link #exit()}, and if one read takes longer than the timeout the action (closing the stream,
 * which wakes the blocked reader with an IOException) runs once, on a shared daemon timer thread.
 * <p>
 * A download makes tens of thousands of reads per GiB, each returning within microseconds. So a read
 * does not schedule a timer; it only writes a deadline. One timer per watchdog wakes when the
 * earliest deadline it knows of has passed, and either acts (a read is still in progress past its
 * deadline) or sleeps again until the current deadline: at most one wake-up per timeout period.
 */
final class Watchdog {

	private static final ScheduledThreadPoolExecutor TIMER = create();

	private final long timeoutNanos;

	private final Runnable action;

	/** {@link System#nanoTime()} by which the read in progress must end; meaningful while {@link #reading}. */
	private volatile long deadline;

	private volatile boolean reading;

	private boolean closed;

	private boolean fired;

	private ScheduledFuture<?> timer;

	Watchdog(long timeoutMillis, Runnable action) {
		this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
		this.action = action;
	}

	/** A read starts now; it must end within the timeout. */
	void enter() {
		this.deadline = System.nanoTime() + this.timeoutNanos;
		this.reading = true;
		synchronized (this) {
			if (this.timer == null && !this.closed) {
				schedule(this.timeoutNanos);
			}
		}
	}

	/** The read ended. */
	void exit() {
		this.reading = false;
	}

	/** No more reads: the timer stops. */
	synchronized void close() {
		this.closed = true;
		if (this.timer != null) {
			this.timer.cancel(false);
			this.timer = null;
		}
	}

	private void schedule(long delayNanos) {
		this.timer = TIMER.schedule(this::check, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
	}

	private void check() {
		boolean act;
		synchronized (this) {
			this.timer = null;
			if (this.closed || this.fired) {
				return;
			}
			if (!this.reading) {
				// Idle between reads: the next enter() arms the timer again.
				return;
			}
			long late = System.nanoTime() - this.deadline;
			act = late >= 0;
			if (act) {
				this.fired = true;
			}
			else {
				schedule(-late);
			}
		}
		if (act) {
			this.action.run();
		}
	}

	/** Whether the action ran. */
	synchronized boolean fired() {
		return this.fired;
	}

	/** Lets the action run again after the owner recovered (a new connection). */
	synchronized void reset() {
		this.fired = false;
	}

	private static ScheduledThreadPoolExecutor create() {
		ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, (runnable) -> {
			Thread thread = new Thread(runnable, "sealdrop-idle-watchdog");
			thread.setDaemon(true);
			return thread;
		});
		timer.setRemoveOnCancelPolicy(true);
		return timer;
	}

}
