package dev.sealdrop.server.download;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import dev.sealdrop.format.DecryptingInputStream;
import dev.sealdrop.format.Identity;
import dev.sealdrop.format.Sealdrop;
import dev.sealdrop.server.audit.AuditAction;
import dev.sealdrop.server.audit.AuditLog;
import dev.sealdrop.server.files.StoredFile;
import dev.sealdrop.server.problem.ApiException;
import dev.sealdrop.server.problem.ProblemType;
import dev.sealdrop.server.security.SealdropPrincipal;

/**
 * {@code GET /api/v1/files/{id}/content}: the decrypted file, only when
 * {@code sealdrop.download.plaintext-enabled=true}; otherwise the endpoint does not exist (404).
 * <p>
 * The stored chunks are run through format/'s reader, as an archive re-wrapped for a key pair made
 * for this one request, so the plaintext gets the same checks as any client's (every chunk, its
 * position, the whole-file digest). Nothing is written to disk. The reader releases a chunk only after
 * it authenticated; should a later chunk fail, the connection is aborted before the declared
 * Content-Length, so the client sees an incomplete transfer, never a complete-looking wrong file.
 */
@RestController
@Tag(name = "downloads", description = "Stored files as archives encrypted to the requester's key")
class ContentController {

	private static final Logger logger = LoggerFactory.getLogger(ContentController.class);

	private final DownloadService downloads;

	private final DownloadProperties properties;

	private final AuditLog audit;

	ContentController(DownloadService downloads, DownloadProperties properties, AuditLog audit) {
		this.downloads = downloads;
		this.properties = properties;
		this.audit = audit;
	}

	@GetMapping("/api/v1/files/{id}/content")
	@Operation(summary = "Download the decrypted file (only if the operator enabled it)",
			description = "Off by default (sealdrop.download.plaintext-enabled): then always 404.")
	@ApiResponse(responseCode = "200", description = "The plaintext",
			content = @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM_VALUE,
					schema = @Schema(type = "string", format = "binary")))
	@ApiResponse(responseCode = "404", description = "not-found: disabled, or no such file you may read")
	void content(@AuthenticationPrincipal SealdropPrincipal me, @PathVariable String id, HttpServletResponse response)
			throws IOException {
		if (!this.properties.plaintextEnabled()) {
			throw new ApiException(ProblemType.NOT_FOUND, "Not found.");
		}
		StoredFile file;
		try {
			file = this.downloads.readable(me, id);
		}
		catch (ApiException ex) {
			this.audit.failure(me, AuditAction.DOWNLOAD, "file:" + id, "plaintext: " + ex.type().slug());
			throw ex;
		}
		Identity ephemeral = Identity.generate();
		try {
			DownloadArchive archive = this.downloads.forServerSide(file, ephemeral.recipient());
			// Opening reads and checks the header and unwraps the key before any byte is sent.
			DecryptingInputStream plaintext = Sealdrop.decrypt(archive.open(), List.of(ephemeral));
			try (plaintext) {
				response.setStatus(HttpServletResponse.SC_OK);
				response.setContentType(MediaType.APPLICATION_OCTET_STREAM_VALUE);
				response.setContentLengthLong(file.plaintextSize());
				response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
						ContentDisposition.attachment().filename(file.name(), StandardCharsets.UTF_8).build().toString());
				this.audit.success(me, AuditAction.DOWNLOAD, "file:" + file.id(), "plaintext");
				copy(plaintext, response.getOutputStream());
			}
		}
		catch (IOException ex) {
			logger.warn("Plaintext download of file {} failed: {}", file.id(), ex.toString());
			throw ex;
		}
		finally {
			ephemeral.destroy();
		}
	}

	private static void copy(InputStream in, OutputStream out) throws IOException {
		byte[] buffer = new byte[64 * 1024];
		int n;
		while ((n = in.read(buffer)) >= 0) {
			out.write(buffer, 0, n);
		}
		out.flush();
	}

}
