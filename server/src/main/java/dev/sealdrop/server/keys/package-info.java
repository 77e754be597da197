/**
 * The server key ring: the P-384 key clients encrypt uploads to, generated on first start or
 * loaded from a configured PEM or PKCS#12 file, rotated by administrators, with retired keys that
 * keep opening uploads for a grace period. Endpoints: {@code GET /api/v1/server-key},
 * {@code GET /api/v1/server-key.pem}, {@code POST /api/v1/admin/server-key/rotate}.
 */
package dev.sealdrop.server.keys;
