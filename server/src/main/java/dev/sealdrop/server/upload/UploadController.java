package dev.sealdrop.server.upload;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

import dev.sealdrop.server.files.FileView;
import dev.sealdrop.server.problem.ApiException;
import dev.sealdrop.server.problem.ProblemType;
import dev.sealdrop.server.security.SealdropPrincipal;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.util.WebUtils;

/**
 * {@code POST /api/v1/files}: upload an archive made for the server key, either as the raw body
 * ({@code application/zip}, streamed straight from the request) or as the original client's
 * multipart form (part {@code file}, optional field {@code filename}).
 */
@RestController
@Tag(name = "files")
class UploadController {

	static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	private static final String UPLOAD_DESCRIPTION = "The archive (v1, or format 0 from the original client) as "
			+ "the raw application/zip body, or as multipart/form-data with the archive in part \"file\" and an "
			+ "optional \"filename\" field (used only when the archive carries no name). The server verifies the "
			+ "whole archive before storing anything.";

	private final UploadService uploads;

	private final UploadProperties properties;

	UploadController(UploadService uploads, UploadProperties properties) {
		this.uploads = uploads;
		this.properties = properties;
	}

	@PostMapping(path = "/api/v1/files", consumes = { "application/zip", MediaType.APPLICATION_OCTET_STREAM_VALUE },
			produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Upload an archive encrypted to the server key",
			description = UPLOAD_DESCRIPTION,
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
					@Content(mediaType = "application/zip", schema = @Schema(type = "string", format = "binary")),
					@Content(mediaType = MediaType.MULTIPART_FORM_DATA_VALUE,
							schema = @Schema(implementation = MultipartUploadForm.class)) }))
	@UploadResponses
	ResponseEntity<FileView> uploadRaw(@AuthenticationPrincipal SealdropPrincipal me, HttpServletRequest request,
			@Parameter(description = "replays the first answer for a repeated key (24h, per user), max 128 printable characters")
			@RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey) throws IOException {
		UploadSource source = new UploadSource() {

			@Override
			public InputStream open() throws IOException {
				return request.getInputStream();
			}

			@Override
			public String clientName() {
				return null;
			}

		};
		return created(this.uploads.upload(me, source, request.getContentLengthLong(), idempotencyKey));
	}

	@PostMapping(path = "/api/v1/files", consumes = MediaType.MULTIPART_FORM_DATA_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Upload an archive encrypted to the server key",
			description = UPLOAD_DESCRIPTION,
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
					@Content(mediaType = "application/zip", schema = @Schema(type = "string", format = "binary")),
					@Content(mediaType = MediaType.MULTIPART_FORM_DATA_VALUE,
							schema = @Schema(implementation = MultipartUploadForm.class)) }))
	@UploadResponses
	ResponseEntity<FileView> uploadMultipart(@AuthenticationPrincipal SealdropPrincipal me,
			HttpServletRequest request,
			@Parameter(description = "replays the first answer for a repeated key (24h, per user), max 128 printable characters")
			@RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey) throws IOException {
		// No early Content-Length check: the form adds a little around the archive, and the part
		// limit (sealdrop.upload.max-archive-size) is enforced while parsing.
		return created(this.uploads.upload(me, new MultipartSource(request), -1, idempotencyKey));
	}

	private static ResponseEntity<FileView> created(UploadService.Result result) {
		return ResponseEntity.status(HttpStatus.CREATED)
			.location(URI.create("/api/v1/files/" + result.file().id()))
			.body(result.file());
	}

	/** Reads the parts only when opened, i.e. after the concurrency and quota checks. */
	private final class MultipartSource implements UploadSource {

		private final HttpServletRequest request;

		private String clientName;

		MultipartSource(HttpServletRequest request) {
			this.request = request;
		}

		@Override
		public InputStream open() throws IOException {
			MultipartFile file;
			try {
				// Spring's lazily resolving wrapper: the body is parsed (and the part spooled) only now.
				MultipartHttpServletRequest multipart = WebUtils.getNativeRequest(this.request,
						MultipartHttpServletRequest.class);
				if (multipart == null) {
					throw new ApiException(ProblemType.VALIDATION_FAILED, "The multipart body cannot be parsed.");
				}
				file = multipart.getFile("file");
				this.clientName = multipart.getParameter("filename");
			}
			catch (MaxUploadSizeExceededException ex) {
				throw tooLarge();
			}
			catch (IllegalStateException | MultipartException ex) {
				if (isSizeLimit(ex)) {
					throw tooLarge();
				}
				throw new ApiException(ProblemType.VALIDATION_FAILED, "The multipart body cannot be parsed.", ex);
			}
			if (file == null) {
				throw new ApiException(ProblemType.VALIDATION_FAILED,
						"A multipart upload needs the archive in a part named \"file\".",
						Map.of("errors", List.of(Map.of("field", "file", "message", "required"))));
			}
			return file.getInputStream();
		}

		@Override
		public String clientName() {
			return this.clientName;
		}

		private ApiException tooLarge() {
			return UploadProblems.tooLarge(UploadController.this.properties.maxArchiveSize().toBytes());
		}

		private static boolean isSizeLimit(Throwable ex) {
			for (Throwable t = ex; t != null; t = t.getCause()) {
				if (t instanceof MaxUploadSizeExceededException || t.getClass().getSimpleName().contains("SizeLimit")
						|| t.getClass().getSimpleName().contains("SizeException")) {
					return true;
				}
			}
			return false;
		}

	}

}
