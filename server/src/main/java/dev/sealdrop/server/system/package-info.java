/**
 * Platform plumbing: the data directory, database time conversion, paging, OpenAPI and the
 * container health check.
 */
package dev.sealdrop.server.system;
