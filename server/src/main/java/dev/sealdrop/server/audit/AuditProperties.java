package dev.sealdrop.server.audit;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code sealdrop.audit.*}.
 *
 * @param retention entries older than this are deleted (at start and daily); {@code 0} keeps them
 * forever
 */
@ConfigurationProperties("sealdrop.audit")
record AuditProperties(@DefaultValue("0") Duration retention) {

	AuditProperties {
		if (retention.isNegative()) {
			throw new IllegalArgumentException("sealdrop.audit.retention must not be negative");
		}
	}

}
