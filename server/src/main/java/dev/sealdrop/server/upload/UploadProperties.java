package dev.sealdrop.server.upload;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code sealdrop.upload.*}: limits on uploads. Defaults suit a small shared server; every limit
 * is enforced while the body streams in, so a request that breaks one is cut off early.
 *
 * @param maxArchiveSize largest accepted request body (archive bytes, counted as read); also the
 * multipart file-part limit
 * @param maxChunks largest accepted number of chunks per archive
 * @param maxMetadataSize largest accepted {@code metadata.json} (at most 1MB, the format's limit)
 * @param userQuota total plaintext bytes a user may store
 * @param maxConcurrentPerUser uploads one user may run at the same time; more get 429
 * @param idempotencyWindow how long an {@code Idempotency-Key} replays the first upload's answer
 */
@Validated
@ConfigurationProperties("sealdrop.upload")
public record UploadProperties(@DefaultValue("2GB") DataSize maxArchiveSize, @DefaultValue("100000") long maxChunks,
		@DefaultValue("1MB") DataSize maxMetadataSize, @DefaultValue("10GB") DataSize userQuota,
		@DefaultValue("2") int maxConcurrentPerUser, @DefaultValue("24h") Duration idempotencyWindow) {

	public UploadProperties {
		require(maxArchiveSize.toBytes() >= 1024, "sealdrop.upload.max-archive-size must be at least 1KB");
		require(maxChunks >= 1 && maxChunks <= 0xFFFF_FFFFL,
				"sealdrop.upload.max-chunks must be between 1 and 4294967295");
		require(maxMetadataSize.toBytes() >= 1024 && maxMetadataSize.toBytes() <= 1024 * 1024,
				"sealdrop.upload.max-metadata-size must be between 1KB and 1MB");
		require(userQuota.toBytes() >= 0, "sealdrop.upload.user-quota must not be negative");
		require(maxConcurrentPerUser >= 1 && maxConcurrentPerUser <= 1000,
				"sealdrop.upload.max-concurrent-per-user must be between 1 and 1000");
		require(!idempotencyWindow.isNegative() && !idempotencyWindow.isZero(),
				"sealdrop.upload.idempotency-window must be positive");
	}

	private static void require(boolean condition, String message) {
		if (!condition) {
			throw new IllegalArgumentException(message);
		}
	}

}
