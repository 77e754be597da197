/**
 * {@code POST /api/v1/files}: receives an archive (raw {@code application/zip} or the original
 * client's multipart form), verifies all of it while streaming the sealed chunks into a new blob,
 * and commits blob and row only when everything verified. Enforces the upload limits: size,
 * chunks, metadata size, per-user quota and concurrency; supports {@code Idempotency-Key}.
 */
package dev.sealdrop.server.upload;
