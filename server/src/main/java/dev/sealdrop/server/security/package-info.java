/**
 * Authentication and authorization: stateless HTTP Basic and Bearer API tokens, failed-login
 * throttling, security headers, and problem+json 401/403/429 responses.
 */
package dev.sealdrop.server.security;
