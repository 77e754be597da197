/**
 * Where stored files live: a {@link dev.sealdrop.server.storage.BlobStore} of sealed chunks (never
 * plaintext) with crash-safe two-phase writes, the storage master key that wraps every file key
 * before it reaches the database, the data directory layout, and start-up recovery of temporary
 * files and orphan blobs.
 */
package dev.sealdrop.server.storage;
