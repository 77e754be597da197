package dev.sealdrop.server.files;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.sealdrop.server.audit.AuditAction;
import dev.sealdrop.server.audit.AuditLog;
import dev.sealdrop.server.problem.ApiException;
import dev.sealdrop.server.problem.ProblemType;
import dev.sealdrop.server.security.SealdropPrincipal;
import dev.sealdrop.server.storage.BlobStore;
import dev.sealdrop.server.storage.DatabaseDurability;
import dev.sealdrop.server.system.PageResponse;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Listing, reading and deleting stored files. A file that exists but belongs to someone else is
 * reported exactly like one that does not exist (404), so ids reveal nothing.
 */
@Service
public class FileService {

	private static final Logger log = LoggerFactory.getLogger(FileService.class);

	private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

	private final FileRepository files;

	private final BlobStore blobs;

	private final TransactionTemplate tx;

	private final DatabaseDurability durability;

	private final AuditLog audit;

	FileService(FileRepository files, BlobStore blobs, PlatformTransactionManager transactionManager,
			DatabaseDurability durability, AuditLog audit) {
		this.audit = audit;
		this.files = files;
		this.blobs = blobs;
		this.durability = durability;
		this.tx = new TransactionTemplate(transactionManager);
	}

	PageResponse<FileView> list(SealdropPrincipal me, int page, int size) {
		if (page < 0 || page > 1_000_000) {
			throw new ApiException(ProblemType.VALIDATION_FAILED, "page must be between 0 and 1000000");
		}
		if (size < 1 || size > PageResponse.MAX_SIZE) {
			throw new ApiException(ProblemType.VALIDATION_FAILED, "size must be between 1 and " + PageResponse.MAX_SIZE);
		}
		List<FileView> items = this.files.findByOwner(me.userId(), page, size).stream().map(FileView::of).toList();
		return PageResponse.of(items, page, size, this.files.countByOwner(me.userId()));
	}

	/** The caller's own file. @throws ApiException not-found otherwise */
	public StoredFile own(SealdropPrincipal me, String id) {
		return find(id).filter(f -> f.ownerId().equals(me.userId())).orElseThrow(() -> notFound(id));
	}

	/** Deletes the caller's file (an administrator may delete anyone's): the row first, then the blob. */
	void delete(SealdropPrincipal me, String id) {
		StoredFile file = find(id).filter(f -> me.admin() || f.ownerId().equals(me.userId()))
			.orElseThrow(() -> notFound(id));
		// Row first: a crash between the two steps leaves an orphan blob, which start-up recovery
		// removes, rather than a row pointing at nothing.
		boolean deleted = Boolean.TRUE.equals(this.tx.execute(status -> this.files.delete(file.id())));
		if (!deleted) {
			throw notFound(id);
		}
		this.durability.sync();
		try {
			this.blobs.delete(file.id());
		}
		catch (IOException ex) {
			log.warn("Deleted file {} but not its blob; start-up recovery will remove it", file.id(), ex);
		}
		log.info("File {} deleted by user {}", file.id(), me.userId());
		this.audit.success(me, AuditAction.DELETE, "file:" + file.id(),
				me.userId().equals(file.ownerId()) ? null : "owner " + file.ownerId());
	}

	/**
	 * Deletes every file of a user, rows first, then blobs. Call it before deleting the user: the
	 * database cascade alone would remove the rows but leave the blobs until the next start.
	 * @return how many files were deleted
	 */
	public int deleteAllOwnedBy(String userId) {
		List<String> ids = this.files.idsByOwner(userId);
		this.tx.executeWithoutResult(status -> ids.forEach(this.files::delete));
		this.durability.sync();
		for (String id : ids) {
			try {
				this.blobs.delete(id);
			}
			catch (IOException ex) {
				log.warn("Deleted file {} but not its blob; start-up recovery will remove it", id, ex);
			}
		}
		return ids.size();
	}

	private Optional<StoredFile> find(String id) {
		if (id == null || !UUID.matcher(id).matches()) {
			return Optional.empty();
		}
		return this.files.findById(id);
	}

	private static ApiException notFound(String id) {
		return new ApiException(ProblemType.NOT_FOUND, "No file " + (UUID.matcher(id).matches() ? id : "with that id")
				+ " among your files.");
	}

}
