/**
 * Registered clients: a user's P-384 public keys that downloads are encrypted to
 * ({@code /api/v1/clients}). A revoked client stays listed but can no longer receive files.
 */
package dev.sealdrop.server.clients;
