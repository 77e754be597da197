package dev.sealdrop.server.shares;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

import dev.sealdrop.server.audit.AuditAction;
import dev.sealdrop.server.audit.AuditLog;
import dev.sealdrop.server.files.FileRepository;
import dev.sealdrop.server.files.FileView;
import dev.sealdrop.server.files.StoredFile;
import dev.sealdrop.server.problem.ApiException;
import dev.sealdrop.server.problem.ProblemType;
import dev.sealdrop.server.security.SealdropPrincipal;
import dev.sealdrop.server.system.PageResponse;
import dev.sealdrop.server.system.UtcTimestamps;

/**
 * Grants, lists and removes read access to a file. Only the owner manages a file's shares; for
 * anyone else the file does not exist (not-found), so file ids cannot be probed. Other features use
 * {@link #readableFile} (own or shared with the caller) and {@link #sharedFiles} to widen "own
 * files" to "own or shared files"; sharing grants reading only, never deleting or re-sharing.
 */
@Service
public class ShareService {

	/** Shares per file: a bound on rows one user can create for one file. */
	static final int MAX_SHARES_PER_FILE = 100;

	private final ShareRepository repository;

	private final FileRepository files;

	private final AuditLog audit;

	ShareService(ShareRepository repository, FileRepository files, AuditLog audit) {
		this.repository = repository;
		this.files = files;
		this.audit = audit;
	}

	Share share(SealdropPrincipal me, String fileId, String username) {
		requireOwner(me, fileId);
		if (username == null || username.isBlank() || username.length() > 64) {
			throw new ApiException(ProblemType.VALIDATION_FAILED, "username is required (at most 64 characters).");
		}
		if (username.equals(me.username())) {
			throw new ApiException(ProblemType.VALIDATION_FAILED, "A file cannot be shared with its owner.");
		}
		String granteeId = this.repository.findEnabledUserId(username)
			.orElseThrow(() -> new ApiException(ProblemType.NOT_FOUND, "No such user."));
		if (this.repository.exists(fileId, granteeId)) {
			throw new ApiException(ProblemType.CONFLICT, "The file is already shared with this user.");
		}
		if (this.repository.countByFile(fileId) >= MAX_SHARES_PER_FILE) {
			throw new ApiException(ProblemType.CONFLICT,
					"A file can be shared with at most " + MAX_SHARES_PER_FILE + " users.");
		}
		Share share = new Share(UUID.randomUUID().toString(), fileId, granteeId, username, UtcTimestamps.now());
		try {
			this.repository.insert(share, me.userId());
		}
		catch (DuplicateKeyException ex) {
			// A concurrent request shared it first.
			throw new ApiException(ProblemType.CONFLICT, "The file is already shared with this user.");
		}
		this.audit.success(me, AuditAction.SHARE, "file:" + fileId, "with " + username);
		return share;
	}

	List<Share> list(SealdropPrincipal me, String fileId) {
		requireOwner(me, fileId);
		return this.repository.findByFile(fileId);
	}

	void unshare(SealdropPrincipal me, String fileId, String shareId) {
		requireOwner(me, fileId);
		Share share = isUuid(shareId) ? this.repository.findByIdAndFile(shareId, fileId).orElse(null) : null;
		if (share == null || !this.repository.delete(shareId, fileId)) {
			throw new ApiException(ProblemType.NOT_FOUND, "No such share.");
		}
		this.audit.success(me, AuditAction.UNSHARE, "file:" + fileId, "with " + share.granteeUsername());
	}

	/** Whether {@code userId} has been granted read access to {@code fileId} (owners are not). */
	public boolean isSharedWith(String fileId, String userId) {
		return isUuid(fileId) && this.repository.exists(fileId, userId);
	}

	/**
	 * One page of the ids of files shared with {@code userId}, most recently shared first.
	 * @param page zero-based
	 * @param size page size, at least 1
	 */
	public SharedFiles sharedWith(String userId, int page, int size) {
		return new SharedFiles(this.repository.fileIdsSharedWith(userId, page * size, size),
				this.repository.countSharedWith(userId));
	}

	/**
	 * A page of shared file ids.
	 * @param fileIds ids on this page, most recently shared first
	 * @param total ids across all pages
	 */
	public record SharedFiles(List<String> fileIds, long total) {
	}

	/**
	 * A file the caller may read: their own, or one shared with them.
	 * @throws ApiException not-found otherwise, exactly as for a file that does not exist
	 */
	public StoredFile readableFile(SealdropPrincipal me, String fileId) {
		return find(fileId)
			.filter(f -> f.ownerId().equals(me.userId()) || this.repository.exists(f.id(), me.userId()))
			.orElseThrow(ShareService::fileNotFound);
	}

	/**
	 * A page of the files shared with the caller, most recently shared first ({@code GET
	 * /api/v1/files?scope=shared}).
	 */
	public PageResponse<FileView> sharedFiles(SealdropPrincipal me, int page, int size) {
		if (page < 0 || page > 1_000_000) {
			throw new ApiException(ProblemType.VALIDATION_FAILED, "page must be between 0 and 1000000");
		}
		if (size < 1 || size > PageResponse.MAX_SIZE) {
			throw new ApiException(ProblemType.VALIDATION_FAILED, "size must be between 1 and " + PageResponse.MAX_SIZE);
		}
		SharedFiles ids = sharedWith(me.userId(), page, size);
		// At most one page of ids: a lookup each keeps this independent of the files table's columns.
		List<FileView> items = ids.fileIds().stream().map(this.files::findById).flatMap(Optional::stream)
			.map(FileView::of).toList();
		return PageResponse.of(items, page, size, ids.total());
	}

	private StoredFile requireOwner(SealdropPrincipal me, String fileId) {
		return find(fileId).filter(f -> f.ownerId().equals(me.userId())).orElseThrow(ShareService::fileNotFound);
	}

	private Optional<StoredFile> find(String fileId) {
		return isUuid(fileId) ? this.files.findById(fileId) : Optional.empty();
	}

	private static ApiException fileNotFound() {
		return new ApiException(ProblemType.NOT_FOUND, "No such file among your files or those shared with you.");
	}

	static boolean isUuid(String text) {
		if (text == null || text.length() != 36) {
			return false;
		}
		try {
			return UUID.fromString(text).toString().equals(text.toLowerCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

}
