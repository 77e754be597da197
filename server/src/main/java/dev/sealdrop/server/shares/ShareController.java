package dev.sealdrop.server.shares;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.sealdrop.server.security.SealdropPrincipal;

/** {@code /api/v1/files/{fileId}/shares}: the owner grants and withdraws read access. */
@RestController
@RequestMapping("/api/v1/files/{fileId}/shares")
@Tag(name = "shares", description = "Read access to a file for other users (owner only)")
class ShareController {

	private final ShareService shares;

	ShareController(ShareService shares) {
		this.shares = shares;
	}

	@PostMapping
	@Operation(summary = "Share the file with another user")
	@ApiResponse(responseCode = "201", description = "Shared; Location names the share")
	@ApiResponse(responseCode = "400", description = "validation-failed: username missing, or the owner's own")
	@ApiResponse(responseCode = "404", description = "not-found: no such file of yours, or no such user")
	@ApiResponse(responseCode = "409", description = "conflict: already shared with this user")
	ResponseEntity<ShareView> share(@AuthenticationPrincipal SealdropPrincipal me, @PathVariable String fileId,
			@RequestBody ShareRequest request) {
		Share share = this.shares.share(me, fileId, request.username());
		return ResponseEntity.created(URI.create("/api/v1/files/" + fileId + "/shares/" + share.id()))
			.body(ShareView.of(share));
	}

	@GetMapping
	@Operation(summary = "List the users the file is shared with")
	@ApiResponse(responseCode = "404", description = "not-found: no such file of yours")
	List<ShareView> list(@AuthenticationPrincipal SealdropPrincipal me, @PathVariable String fileId) {
		return this.shares.list(me, fileId).stream().map(ShareView::of).toList();
	}

	@DeleteMapping("/{shareId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Withdraw a share: the user can no longer see or download the file")
	@ApiResponse(responseCode = "404", description = "not-found: no such file of yours, or no such share")
	void unshare(@AuthenticationPrincipal SealdropPrincipal me, @PathVariable String fileId,
			@PathVariable String shareId) {
		this.shares.unshare(me, fileId, shareId);
	}

	/** Body of {@code POST /api/v1/files/{id}/shares}. */
	record ShareRequest(@Schema(description = "The user to share with", example = "bob") String username) {
	}

	/** A share as the API shows it. */
	record ShareView(String id, String username, Instant createdAt) {

		static ShareView of(Share share) {
			return new ShareView(share.id(), share.granteeUsername(), share.createdAt());
		}

	}

}
