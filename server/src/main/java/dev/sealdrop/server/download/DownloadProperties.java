package dev.sealdrop.server.download;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code sealdrop.download.*}.
 *
 * @param plaintextEnabled whether {@code GET /api/v1/files/{id}/content} serves decrypted content;
 * off by default, because it sends plaintext through every TLS-terminating hop and leaves the
 * end-to-end protection of the archive behind
 * @param socketWriteBuffer Tomcat's per-connection socket write buffer ({@code socket.appWriteBufSize}).
 * Tomcat writes a large body buffer to the socket in slices of this size, so it sets the size of each
 * write system call of a download; Tomcat's own default (8 KiB) caps a download near 1 GB/s on
 * loopback. Every open connection holds one such buffer, whatever it is doing: multiply by
 * {@code server.tomcat.max-connections} for the worst case.
 */
@Validated
@ConfigurationProperties("sealdrop.download")
public record DownloadProperties(@DefaultValue("false") boolean plaintextEnabled,
		@DefaultValue("512KB") DataSize socketWriteBuffer) {

	public DownloadProperties {
		long bytes = socketWriteBuffer.toBytes();
		if (bytes < 8 * 1024 || bytes > 4 * 1024 * 1024) {
			throw new IllegalArgumentException("sealdrop.download.socket-write-buffer must be between 8KB and 4MB");
		}
	}

}
