package dev.sealdrop.client.net;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** A {@link RetryPolicy.Sleeper} that records the waits instead of sleeping. */
final class RecordingSleeper implements RetryPolicy.Sleeper {

	private final List<Duration> sleeps = new ArrayList<>();

	private Runnable onSleep = () -> {
	};

	@Override
	public synchronized void sleep(Duration duration) {
		sleeps.add(duration);
		onSleep.run();
	}

	synchronized List<Duration> sleeps() {
		return List.copyOf(sleeps);
	}

	/** Runs {@code action} at each wait, e.g. to bring a server up between attempts. */
	RecordingSleeper onSleep(Runnable action) {
		this.onSleep = action;
		return this;
	}

	/** The default policy, not sleeping, with a fixed seed so delays are reproducible. */
	RetryPolicy policy() {
		return RetryPolicy.defaults().withSleeper(this).withRandom(new Random(7));
	}

}
