package dev.sealdrop.server.audit;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Deletes audit entries older than {@code sealdrop.audit.retention} at start and then once a day, on
 * its own daemon thread. Does nothing when the retention is 0 (the default: keep everything).
 */
@Component
@EnableConfigurationProperties(AuditProperties.class)
class AuditRetention implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(AuditRetention.class);

	private static final Duration PERIOD = Duration.ofDays(1);

	private final AuditRepository repository;

	private final Duration retention;

	private final Clock clock;

	private ScheduledExecutorService executor;

	AuditRetention(AuditRepository repository, AuditProperties properties, ObjectProvider<Clock> clock) {
		this.repository = repository;
		this.retention = properties.retention();
		this.clock = clock.getIfAvailable(Clock::systemUTC);
	}

	/** Deletes what is past the retention now; returns how many entries. */
	int purge() {
		if (this.retention.isZero()) {
			return 0;
		}
		try {
			int deleted = this.repository.deleteBefore(this.clock.instant().minus(this.retention));
			if (deleted > 0) {
				logger.info("Deleted {} audit entries older than {}", deleted, this.retention);
			}
			return deleted;
		}
		catch (DataAccessException ex) {
			logger.warn("Could not delete old audit entries", ex);
			return 0;
		}
	}

	@Override
	public synchronized void start() {
		if (this.retention.isZero() || this.executor != null) {
			return;
		}
		this.executor = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "sealdrop-audit-retention");
			thread.setDaemon(true);
			return thread;
		});
		this.executor.scheduleWithFixedDelay(this::purge, 0, PERIOD.toSeconds(), TimeUnit.SECONDS);
	}

	@Override
	public synchronized void stop() {
		if (this.executor != null) {
			this.executor.shutdownNow();
			this.executor = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.executor != null;
	}

}
