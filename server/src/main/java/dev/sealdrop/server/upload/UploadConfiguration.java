package dev.sealdrop.server.upload;

import jakarta.servlet.MultipartConfigElement;

import dev.sealdrop.server.storage.StoragePaths;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Upload wiring. The multipart configuration replaces Boot's ({@code spring.servlet.multipart.*}
 * sizes and location are therefore not used): parts are always spooled to disk, never held in
 * memory, under {@code ${sealdrop.data-dir}/tmp/multipart} (an upload part is an archive, so only
 * ciphertext lands there; start-up recovery empties the directory), and the part limit follows
 * {@code sealdrop.upload.max-archive-size}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(UploadProperties.class)
class UploadConfiguration {

	/** Room for the small form fields and part headers around the archive part. */
	private static final long MULTIPART_OVERHEAD = 64 * 1024;

	@Bean
	MultipartConfigElement multipartConfigElement(StoragePaths paths, UploadProperties properties) {
		long maxFile = properties.maxArchiveSize().toBytes();
		return new MultipartConfigElement(paths.multipart().toString(), maxFile, maxFile + MULTIPART_OVERHEAD, 0);
	}

}
