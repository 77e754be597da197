package dev.sealdrop.client.net;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Watchdog}: acts once on a read that outlives the timeout, never on reads that each end in
 * time however long they go on together, never after close, and again after a reset.
 */
class WatchdogTests {

	@Test
	void actsOnceOnAReadThatHangs() throws Exception {
		CountDownLatch acted = new CountDownLatch(1);
		AtomicInteger runs = new AtomicInteger();
		Watchdog watchdog = new Watchdog(100, () -> {
			runs.incrementAndGet();
			acted.countDown();
		});
		long start = System.nanoTime();
		watchdog.enter();
		assertThat(acted.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(100);
		assertThat(watchdog.fired()).isTrue();
		Thread.sleep(300);
		assertThat(runs).hasValue(1);
		watchdog.exit();
		watchdog.close();
	}

	@Test
	void leavesReadsAloneThatEachEndInTime() throws Exception {
		AtomicInteger runs = new AtomicInteger();
		Watchdog watchdog = new Watchdog(250, runs::incrementAndGet);
		long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1000);
		while (System.nanoTime() < end) {
			watchdog.enter();
			Thread.sleep(5);
			watchdog.exit();
			Thread.sleep(1);
		}
		// an idle pause longer than the timeout between two reads is not a stall either
		Thread.sleep(400);
		watchdog.enter();
		watchdog.exit();
		Thread.sleep(400);
		assertThat(runs).hasValue(0);
		assertThat(watchdog.fired()).isFalse();
		watchdog.close();
	}

	@Test
	void aClosedWatchdogNeverActs() throws Exception {
		AtomicInteger runs = new AtomicInteger();
		Watchdog watchdog = new Watchdog(50, runs::incrementAndGet);
		watchdog.enter();
		watchdog.close();
		Thread.sleep(300);
		assertThat(runs).hasValue(0);
		watchdog.enter();
		Thread.sleep(300);
		assertThat(runs).hasValue(0);
	}

	@Test
	void actsAgainAfterAReset() throws Exception {
		AtomicInteger runs = new AtomicInteger();
		Watchdog watchdog = new Watchdog(50, runs::incrementAndGet);
		watchdog.enter();
		awaitRuns(runs, 1);
		watchdog.exit();
		watchdog.reset();
		assertThat(watchdog.fired()).isFalse();
		watchdog.enter();
		awaitRuns(runs, 2);
		watchdog.exit();
		watchdog.close();
	}

	private static void awaitRuns(AtomicInteger runs, int expected) throws InterruptedException {
		long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (runs.get() < expected && System.nanoTime() < end) {
			Thread.sleep(10);
		}
		assertThat(runs).hasValue(expected);
	}

}
