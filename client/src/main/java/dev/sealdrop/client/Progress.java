package dev.sealdrop.client;

import java.io.InputStream;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar (bytes, rate, ETA) on stderr for long operations, driven by the input stream. Shown
 * only when a person is watching: a terminal, not {@code --quiet}, and an input of known length of at
 * least {@link #THRESHOLD_BYTES}. Otherwise the stream is returned as is.
 */
final class Progress {

	static final long THRESHOLD_BYTES = 8L << 20;

	private Progress() {
	}

	/**
	 * For transfers to and from a server: a bar on a terminal as {@link #wrap}; otherwise (logs, CI)
	 * a plain line on {@code io.err()} at every tenth of the way, with bytes and rate. Nothing with
	 * {@code quiet} or below {@link #THRESHOLD_BYTES}.
	 */
	static InputStream wrapTransfer(InputStream in, long length, String task, Io io, boolean quiet) {
		if (quiet || length < THRESHOLD_BYTES) {
			return in;
		}
		if (io.terminal().interactive()) {
			return wrap(in, length, task, io, false);
		}
		return new PlainProgress(in, length, task, io.err());
	}

	/** The returned stream closes {@code in} and the bar. */
	static InputStream wrap(InputStream in, long length, String task, Io io, boolean quiet) {
		if (quiet || length < THRESHOLD_BYTES || !io.terminal().interactive()) {
			return in;
		}
		ProgressBarBuilder bar = new ProgressBarBuilder().setTaskName(task)
			.setInitialMax(length)
			.setUnit(" MiB", 1L << 20)
			.showSpeed()
			.setStyle(ProgressBarStyle.ASCII)
			.setUpdateIntervalMillis(250)
			.clearDisplayOnFinish()
			.setConsumer(new ConsoleProgressBarConsumer(io.terminal().progressStream()));
		return ProgressBar.wrap(in, bar);
	}

}
