package dev.sealdrop.server.upload;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The multipart form the original Python client posts; documentation only (the controller reads
 * the parts itself so that they are parsed after the concurrency and quota checks).
 *
 * @param file the archive
 * @param filename optional name, used only when the archive carries no name of its own
 */
@Schema(name = "MultipartUpload")
record MultipartUploadForm(@Schema(type = "string", format = "binary", requiredMode = Schema.RequiredMode.REQUIRED,
		description = "the sealdrop archive (ZIP)") String file,
		@Schema(description = "fallback display name when the archive carries none", maxLength = 255) String filename) {
}
