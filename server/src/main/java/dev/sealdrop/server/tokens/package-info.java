/**
 * API tokens ({@code /api/v1/tokens}): random bearer secrets shown once, stored only as SHA-256,
 * revocable, and the lookup the bearer authentication filter uses.
 */
package dev.sealdrop.server.tokens;
