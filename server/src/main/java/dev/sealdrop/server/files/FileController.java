package dev.sealdrop.server.files;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import dev.sealdrop.server.problem.ApiException;
import dev.sealdrop.server.problem.ProblemType;
import dev.sealdrop.server.security.SealdropPrincipal;
import dev.sealdrop.server.shares.ShareService;
import dev.sealdrop.server.system.PageResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The caller's stored files. Uploading is {@code POST /api/v1/files} (upload package). */
@RestController
@RequestMapping(path = "/api/v1/files", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "files", description = "Stored files: list, describe, delete")
class FileController {

	private final FileService files;

	private final ShareService shares;

	FileController(FileService files, ShareService shares) {
		this.files = files;
		this.shares = shares;
	}

	@GetMapping
	@Operation(summary = "The caller's files, newest first")
	@ApiResponse(responseCode = "200", description = "one page")
	@ApiResponse(responseCode = "400", description = "page or size out of range",
			content = @Content(mediaType = "application/problem+json"))
	PageResponse<FileView> list(@AuthenticationPrincipal SealdropPrincipal me,
			@Parameter(description = "zero-based page") @RequestParam(defaultValue = "0") int page,
			@Parameter(description = "page size, 1..100") @RequestParam(defaultValue = "20") int size,
			@Parameter(description = "own (default): your files; shared: files others shared with you")
			@RequestParam(defaultValue = "own") String scope) {
		return switch (scope) {
			case "own" -> this.files.list(me, page, size);
			case "shared" -> this.shares.sharedFiles(me, page, size);
			default -> throw new ApiException(ProblemType.VALIDATION_FAILED, "scope must be own or shared");
		};
	}

	@GetMapping("/{id}")
	@Operation(summary = "One of the caller's files")
	@ApiResponse(responseCode = "200", description = "the file")
	@ApiResponse(responseCode = "404", description = "no such file among the caller's files",
			content = @Content(mediaType = "application/problem+json"))
	FileView get(@AuthenticationPrincipal SealdropPrincipal me, @PathVariable String id) {
		return FileView.of(this.shares.readableFile(me, id));
	}

	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Delete one of the caller's files (administrators: any file)")
	@ApiResponse(responseCode = "204", description = "deleted")
	@ApiResponse(responseCode = "404", description = "no such file among the caller's files",
			content = @Content(mediaType = "application/problem+json"))
	void delete(@AuthenticationPrincipal SealdropPrincipal me, @PathVariable String id) {
		this.files.delete(me, id);
	}

}
