/**
 * User accounts: the admin-only CRUD API under {@code /api/v1/users}, the caller's own view
 * ({@code /api/v1/users/me}) and the first-start administrator bootstrap.
 */
package dev.sealdrop.server.users;
