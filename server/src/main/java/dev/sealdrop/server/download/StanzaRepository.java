package dev.sealdrop.server.download;

import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.sealdrop.server.system.UtcTimestamps;

/** {@code download_stanzas}: the wrapped-key stanza made once per (file, recipient fingerprint). */
@Repository
class StanzaRepository {

	private final JdbcClient jdbc;

	StanzaRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<String> find(String fileId, String recipient) {
		return this.jdbc.sql("SELECT stanza FROM download_stanzas WHERE file_id = ? AND recipient = ?")
			.params(fileId, recipient)
			.query(String.class)
			.optional();
	}

	/**
	 * Stores {@code stanza} unless one is stored already, and returns the stored one: when two first
	 * downloads race, both serve the winner's stanza, so the archive stays the same bytes.
	 */
	String insertOrGet(String fileId, String recipient, String stanza) {
		try {
			this.jdbc.sql("INSERT INTO download_stanzas (file_id, recipient, stanza, created_at) VALUES (?, ?, ?, ?)")
				.params(fileId, recipient, stanza, UtcTimestamps.toDb(UtcTimestamps.now()))
				.update();
			return stanza;
		}
		catch (DuplicateKeyException ex) {
			return find(fileId, recipient).orElseThrow(() -> ex);
		}
	}

}
