/**
 * Stored files: the {@code files} and {@code file_chunks} tables and the caller's view of them
 * ({@code GET /api/v1/files}, {@code GET/DELETE /api/v1/files/{id}}). Another user's file is
 * reported as not found, never as forbidden.
 */
package dev.sealdrop.server.files;
