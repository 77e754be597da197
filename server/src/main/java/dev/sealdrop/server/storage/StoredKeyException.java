package dev.sealdrop.server.storage;

/**
 * A stored, wrapped file key could not be unwrapped: the database row was altered or the storage
 * master key is not the one the file was stored with. A server-side fault (the client did nothing
 * wrong), so it surfaces as an internal error; the message names the file, never key material.
 */
public class StoredKeyException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	public StoredKeyException(String message) {
		super(message);
	}

}
