/**
 * The server's signing identity (PROTOCOL.md): a P-384 signing key with a certificate chain, either
 * issued on first start by a local CA kept under {@code ${sealdrop.data-dir}/identity/} or configured
 * by the operator. It signs key statements for the server's encryption keys
 * ({@link dev.sealdrop.server.identity.ServerKeyStatements}) and answers challenges
 * ({@code POST /api/v1/server-key/challenge}); clients pin the CA from
 * {@code GET /api/v1/server-key/ca.pem}. The signing key never encrypts anything and the encryption
 * key never signs.
 */
package dev.sealdrop.server.identity;
