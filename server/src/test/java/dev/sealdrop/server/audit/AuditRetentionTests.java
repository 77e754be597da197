package dev.sealdrop.server.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.sealdrop.server.download.DownloadTestSupport;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

import static org.assertj.core.api.Assertions.assertThat;

class AuditRetentionTests extends DownloadTestSupport {

	@Autowired
	private AuditRepository repository;

	private String insert(Instant at) {
		String id = UUID.randomUUID().toString();
		this.repository.insert(new AuditEvent(id, at, null, "retention-test", AuditAction.UPLOAD, null, null,
				AuditOutcome.SUCCESS, null));
		return id;
	}

	private long count(String id) {
		return this.jdbc.sql("SELECT COUNT(*) FROM audit_events WHERE id = ?").param(id).query(Long.class).single();
	}

	private AuditRetention retention(Duration keep, Instant now) {
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		beans.addBean("clock", Clock.fixed(now, ZoneOffset.UTC));
		return new AuditRetention(this.repository, new AuditProperties(keep), beans.getBeanProvider(Clock.class));
	}

	@Test
	void entriesPastTheRetentionAreDeletedOthersKept() {
		// "now" is the real time: the purge must not touch entries other tests in this database just made.
		Instant now = Instant.now();
		String old = insert(now.minus(Duration.ofDays(31)));
		String recent = insert(now.minus(Duration.ofDays(29)));

		retention(Duration.ofDays(30), now).purge();

		assertThat(count(old)).isZero();
		assertThat(count(recent)).isEqualTo(1);
	}

	@Test
	void zeroRetentionKeepsEverything() {
		Instant now = Instant.now();
		String ancient = insert(now.minus(Duration.ofDays(3650)));

		assertThat(retention(Duration.ZERO, now).purge()).isZero();
		assertThat(count(ancient)).isEqualTo(1);
	}

}
