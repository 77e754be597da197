/**
 * Downloads. A stored file leaves the server as a v1 archive whose file key is re-wrapped for the
 * requester's registered client key (or an ad-hoc key); the sealed chunks are streamed from the blob
 * store unchanged. The archive for a (file, recipient key) pair is the same bytes on every request,
 * so downloads carry a strong ETag and resume with {@code Range}. The optional plaintext endpoint
 * decrypts on the fly and never writes plaintext to disk; it is off unless
 * {@code sealdrop.download.plaintext-enabled=true}.
 */
package dev.sealdrop.server.download;
