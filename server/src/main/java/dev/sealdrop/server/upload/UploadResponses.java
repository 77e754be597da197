package dev.sealdrop.server.upload;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/** The documented answers of both upload operations (problem bodies are RFC 9457). */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ApiResponse(responseCode = "201", description = "stored (or the first answer again for a repeated Idempotency-Key)",
		headers = @Header(name = "Location", description = "/api/v1/files/{id}"))
@ApiResponse(responseCode = "400", description = "malformed-archive (not a sealdrop archive, or not in its canonical ZIP form, FORMAT.md §9), validation-failed (bad name, missing part)",
		content = @Content(mediaType = "application/problem+json"))
@ApiResponse(responseCode = "403", description = "quota-exceeded", content = @Content(mediaType = "application/problem+json"))
@ApiResponse(responseCode = "413", description = "too-large (member limit: bytes)",
		content = @Content(mediaType = "application/problem+json"))
@ApiResponse(responseCode = "415", description = "unsupported-media-type",
		content = @Content(mediaType = "application/problem+json"))
@ApiResponse(responseCode = "422",
		description = "unsupported-format, no-matching-key, retired-key, integrity-failure",
		content = @Content(mediaType = "application/problem+json"))
@ApiResponse(responseCode = "429", description = "too-many-uploads (Retry-After)",
		content = @Content(mediaType = "application/problem+json"))
@interface UploadResponses {

}
