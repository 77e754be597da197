package dev.sealdrop.server.download;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code sealdrop.download.*}.
 *
 * @param plaintextEnabled whether {@code GET /api/v1/files/{id}/content} serves decrypted content;
 * off by default, because it sends plaintext through every TLS-terminating hop and leaves the
 * end-to-end protection of the archive behind
 */
@ConfigurationProperties("sealdrop.download")
public record DownloadProperties(@DefaultValue("false") boolean plaintextEnabled) {
}
