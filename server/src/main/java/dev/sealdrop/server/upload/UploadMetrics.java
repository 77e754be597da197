package dev.sealdrop.server.upload;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * Upload meters: {@code sealdrop.upload.bytes} (archive bytes of stored uploads),
 * {@code sealdrop.upload.duration} (timer, tag {@code outcome} = success | failure) and
 * {@code sealdrop.upload.failures} (tag {@code reason} = the problem slug, e.g. {@code too-large}).
 */
@Component
class UploadMetrics {

	private final MeterRegistry registry;

	private final Counter bytes;

	UploadMetrics(MeterRegistry registry) {
		this.registry = registry;
		this.bytes = Counter.builder("sealdrop.upload.bytes")
			.baseUnit("bytes")
			.description("Archive bytes of uploads that were stored")
			.register(registry);
	}

	void success(long archiveBytes, Duration duration) {
		this.bytes.increment(archiveBytes);
		timer("success").record(duration);
	}

	void failure(String reason, Duration duration) {
		timer("failure").record(duration);
		Counter.builder("sealdrop.upload.failures")
			.description("Rejected or failed uploads by problem type")
			.tag("reason", reason)
			.register(this.registry)
			.increment();
	}

	private Timer timer(String outcome) {
		return Timer.builder("sealdrop.upload.duration")
			.description("Time from the start of an upload to its answer")
			.tag("outcome", outcome)
			.register(this.registry);
	}

}
