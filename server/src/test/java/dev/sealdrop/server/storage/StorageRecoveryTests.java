package dev.sealdrop.server.storage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.sealdrop.server.upload.SealdropTestBase;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

class StorageRecoveryTests extends SealdropTestBase {

	@Autowired
	private StorageRecovery recovery;

	@Autowired
	private BlobStore blobs;

	@Test
	void orphanBlobsAndTemporaryFilesAreDeletedAndCounted() throws Exception {
		String orphan = UUID.randomUUID().toString();
		try (PendingBlob blob = this.blobs.create(orphan)) {
			blob.out().write(new byte[] { 1, 2, 3 });
			blob.commit();
		}
		Path tmpBlob = DATA_DIR.resolve("blobs/.tmp/" + UUID.randomUUID() + ".part");
		Files.write(tmpBlob, new byte[] { 4 });
		Path spool = DATA_DIR.resolve("tmp/spool/leftover.zip");
		Files.write(spool, new byte[] { 5 });

		StorageRecovery.Result result = this.recovery.recover();

		assertThat(result.orphanBlobs()).isGreaterThanOrEqualTo(1);
		assertThat(result.temporaryFiles()).isGreaterThanOrEqualTo(2);
		assertThat(this.blobs.exists(orphan)).isFalse();
		assertThat(tmpBlob).doesNotExist();
		assertThat(spool).doesNotExist();
		assertThat(Files.isDirectory(DATA_DIR.resolve("tmp/spool"))).isTrue();
	}

	@Test
	void blobsWithRowsAreKept() throws Exception {
		// every row present in the shared database has its blob; recovery must not touch those
		long rows = this.jdbc.sql("SELECT COUNT(*) FROM files").query(Long.class).single();
		StorageRecovery.Result result = this.recovery.recover();
		assertThat(result.rowsWithoutBlob()).isEmpty();
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM files").query(Long.class).single()).isEqualTo(rows);
		for (String id : this.jdbc.sql("SELECT id FROM files").query(String.class).list()) {
			assertThat(this.blobs.exists(id)).isTrue();
		}
	}

}
