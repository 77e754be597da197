package dev.sealdrop.server.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Brings storage back to a consistent state at start-up, before the web server takes requests
 * (it runs while the context is created). An upload writes its blob to a temporary file, forces
 * it, renames it into place, and only then inserts the database row; a delete removes the row
 * first. So after a crash there can be leftover temporary files and blobs without a row, never
 * a row without its blob. Temporary files and orphan blobs are deleted; rows without a blob,
 * which only outside interference can cause, are reported.
 */
@Component
@DependsOnDatabaseInitialization
class StorageRecovery implements InitializingBean {

	private static final Logger log = LoggerFactory.getLogger(StorageRecovery.class);

	private final BlobStore blobs;

	private final StoragePaths paths;

	private final JdbcClient jdbc;

	StorageRecovery(BlobStore blobs, StoragePaths paths, JdbcClient jdbc) {
		this.blobs = blobs;
		this.paths = paths;
		this.jdbc = jdbc;
	}

	@Override
	public void afterPropertiesSet() throws IOException {
		recover();
	}

	/** @return what was found and cleaned up */
	Result recover() throws IOException {
		int temporary = this.blobs.purgeTemporary() + deleteFilesUnder(this.paths.tmp());
		Set<String> stored = this.blobs.keys();
		Set<String> rows = new HashSet<>(this.jdbc.sql("SELECT id FROM files").query(String.class).list());
		int orphans = 0;
		for (String key : stored) {
			if (!rows.contains(key) && this.blobs.delete(key)) {
				orphans++;
			}
		}
		List<String> missing = rows.stream().filter(id -> !stored.contains(id)).sorted().toList();
		if (temporary > 0 || orphans > 0) {
			log.info("Storage recovery: deleted {} temporary file(s) and {} orphan blob(s)", temporary, orphans);
		}
		if (!missing.isEmpty()) {
			log.error("Storage recovery: {} file row(s) have no blob (restored from another backup?): {}",
					missing.size(), missing.size() > 20 ? missing.subList(0, 20) + "..." : missing);
		}
		return new Result(temporary, orphans, missing);
	}

	private static int deleteFilesUnder(Path dir) throws IOException {
		if (!Files.isDirectory(dir)) {
			return 0;
		}
		int count = 0;
		try (Stream<Path> files = Files.walk(dir)) {
			for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
				if (Files.deleteIfExists(file)) {
					count++;
				}
			}
		}
		return count;
	}

	record Result(int temporaryFiles, int orphanBlobs, List<String> rowsWithoutBlob) {
	}

}
