package dev.sealdrop.server.shares;

import java.time.Instant;

/**
 * A grant of read access to one file.
 *
 * @param id UUID text
 * @param fileId the shared file
 * @param granteeId the user who may read it
 * @param granteeUsername that user's name
 * @param createdAt when it was granted
 */
public record Share(String id, String fileId, String granteeId, String granteeUsername, Instant createdAt) {
}
