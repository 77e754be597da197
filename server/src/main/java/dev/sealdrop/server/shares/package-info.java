/**
 * Sharing: a file's owner grants another user read access ({@code /api/v1/files/{id}/shares}). The
 * grantee sees the file's metadata and downloads it encrypted to one of their own registered
 * clients; deleting the share takes that away at once.
 */
package dev.sealdrop.server.shares;
