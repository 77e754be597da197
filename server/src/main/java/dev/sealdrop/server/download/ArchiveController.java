package dev.sealdrop.server.download;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.ServletResponseWrapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.sealdrop.server.audit.AuditAction;
import dev.sealdrop.server.audit.AuditLog;
import dev.sealdrop.server.problem.ApiException;
import dev.sealdrop.server.security.SealdropPrincipal;

/**
 * {@code /api/v1/files/{id}/archive}: a stored file as a v1 archive encrypted to the requester.
 * <p>
 * The body is written in the request thread rather than as a {@code StreamingResponseBody}: an async
 * response is cut off by the async request timeout, which a large download on a slow link exceeds.
 * Everything that can fail with a problem response is checked before the first byte goes out. The
 * ZIP around the stored chunks is generated from what the database keeps (ArchiveFrame); the chunks
 * go from the blob to the socket without being read into the heap, and a range starts at its offset.
 */
@RestController
@Tag(name = "downloads", description = "Stored files as archives encrypted to the requester's key")
class ArchiveController {

	static final String ZIP = "application/zip";

	private static final Logger logger = LoggerFactory.getLogger(ArchiveController.class);

	private final DownloadService downloads;

	private final AuditLog audit;

	ArchiveController(DownloadService downloads, AuditLog audit) {
		this.downloads = downloads;
		this.audit = audit;
	}

	@GetMapping("/api/v1/files/{id}/archive")
	@Operation(summary = "Download the file as a v1 archive encrypted to one of your registered clients",
			description = "The archive for a (file, client key) pair is the same bytes on every request: "
					+ "Content-Length and a strong ETag are sent, and single byte ranges (Range, If-Range) resume it.")
	@ApiResponse(responseCode = "200", description = "The whole archive",
			content = @Content(mediaType = ZIP, schema = @Schema(type = "string", format = "binary")))
	@ApiResponse(responseCode = "206", description = "One byte range of the archive (Content-Range)")
	@ApiResponse(responseCode = "400", description = "validation-failed: client missing")
	@ApiResponse(responseCode = "403", description = "forbidden: the client is revoked")
	@ApiResponse(responseCode = "404", description = "not-found: no such file you may read, or no such client of yours")
	@ApiResponse(responseCode = "416", description = "The range lies outside the archive (Content-Range: bytes */length)")
	void archiveForClient(@AuthenticationPrincipal SealdropPrincipal me, @PathVariable String id,
			@Parameter(description = "id of one of your active clients") @RequestParam(required = false) String client,
			@RequestHeader(name = HttpHeaders.RANGE, required = false) String range,
			@RequestHeader(name = HttpHeaders.IF_RANGE, required = false) String ifRange, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		DownloadArchive archive;
		try {
			archive = this.downloads.forClient(me, id, client);
		}
		catch (ApiException ex) {
			this.audit.failure(me, AuditAction.DOWNLOAD, "file:" + id, "client " + client + ": " + ex.type().slug());
			throw ex;
		}
		send(me, archive, "client " + client, range, ifRange, request, response);
	}

	@PostMapping(path = "/api/v1/files/{id}/archive", consumes = "application/json")
	@Operation(summary = "Download the file as a v1 archive encrypted to a key given in the request",
			description = "For one-off use without registering a client. Same headers and ranges as the GET.")
	@ApiResponse(responseCode = "200", description = "The whole archive",
			content = @Content(mediaType = ZIP, schema = @Schema(type = "string", format = "binary")))
	@ApiResponse(responseCode = "206", description = "One byte range of the archive")
	@ApiResponse(responseCode = "400", description = "invalid-key or validation-failed")
	@ApiResponse(responseCode = "404", description = "not-found: no such file you may read")
	@ApiResponse(responseCode = "416", description = "The range lies outside the archive")
	void archiveForKey(@AuthenticationPrincipal SealdropPrincipal me, @PathVariable String id,
			@RequestBody AdHocKeyRequest body, @RequestHeader(name = HttpHeaders.RANGE, required = false) String range,
			@RequestHeader(name = HttpHeaders.IF_RANGE, required = false) String ifRange, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		DownloadArchive archive;
		try {
			archive = this.downloads.forKey(me, id, (body != null) ? body.publicKey() : null);
		}
		catch (ApiException ex) {
			this.audit.failure(me, AuditAction.DOWNLOAD, "file:" + id, "ad-hoc key: " + ex.type().slug());
			throw ex;
		}
		send(me, archive, "ad-hoc key " + archive.recipient().fingerprint(), range, ifRange, request, response);
	}

	private void send(SealdropPrincipal me, DownloadArchive archive, String to, String range, String ifRange,
			HttpServletRequest request, HttpServletResponse response) throws IOException {
		long length = archive.length();
		ByteRanges.Selection selection = ByteRanges.select(range, ifRange, archive.etag(), length);
		response.setHeader(HttpHeaders.ACCEPT_RANGES, "bytes");
		response.setHeader(HttpHeaders.ETAG, archive.etag());
		if (selection.kind() == ByteRanges.Kind.UNSATISFIABLE) {
			response.setStatus(HttpServletResponse.SC_REQUESTED_RANGE_NOT_SATISFIABLE);
			response.setHeader(HttpHeaders.CONTENT_RANGE, "bytes */" + length);
			response.setContentLength(0);
			return;
		}
		long start = (selection.kind() == ByteRanges.Kind.PARTIAL) ? selection.start() : 0;
		long count = (selection.kind() == ByteRanges.Kind.PARTIAL) ? selection.length() : length;
		boolean head = "HEAD".equals(request.getMethod());
		// Opened before any header is set: a failure here still becomes a problem response.
		SeekableByteChannel blob = head ? null : archive.openBlob();
		try {
			if (selection.kind() == ByteRanges.Kind.PARTIAL) {
				response.setStatus(HttpServletResponse.SC_PARTIAL_CONTENT);
				response.setHeader(HttpHeaders.CONTENT_RANGE, "bytes " + start + "-" + selection.end() + "/" + length);
			}
			else {
				response.setStatus(HttpServletResponse.SC_OK);
			}
			response.setContentType(ZIP);
			response.setContentLengthLong(count);
			response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
					"attachment; filename=\"sealdrop-" + archive.file().id() + ".zip\"");
			this.audit.success(me, AuditAction.DOWNLOAD, "file:" + archive.file().id(),
					to + ", bytes " + start + "-" + (start + count - 1) + "/" + length);
			if (!head) {
				ServletOutputStream out = containerStream(response);
				archive.send(blob, start, count, out);
				out.flush();
			}
		}
		catch (IOException ex) {
			// Usually the client went away; once committed, only the log can say more.
			logger.debug("Archive download of file {} ended early: {}", archive.file().id(), ex.toString());
			throw ex;
		}
		finally {
			if (blob != null) {
				blob.close();
			}
		}
	}

	/**
	 * The servlet container's own output stream, under the wrappers Spring MVC and Spring Security put
	 * around the response: those streams do not override {@code write(ByteBuffer)}, so each direct
	 * buffer of chunk data would be copied into a new heap array. The response is committed through the wrappers first, so
	 * whatever they do on commit (Spring Security writes its headers then) still happens. Safe because
	 * the body is written synchronously, in the request thread.
	 */
	private static ServletOutputStream containerStream(HttpServletResponse response) throws IOException {
		response.flushBuffer();
		ServletResponse inner = response;
		while (inner instanceof ServletResponseWrapper wrapper) {
			inner = wrapper.getResponse();
		}
		return inner.getOutputStream();
	}

	/** Body of the ad-hoc download. */
	record AdHocKeyRequest(@Schema(description = "P-384 public key: SPKI PEM or JWK JSON text") String publicKey) {
	}

}
