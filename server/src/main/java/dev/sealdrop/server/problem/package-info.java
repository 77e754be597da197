/**
 * RFC 9457 problem details: the {@link dev.sealdrop.server.problem.ProblemType} catalogue, the
 * {@link dev.sealdrop.server.problem.ApiException} every feature throws, and the single handler that
 * renders all errors as {@code application/problem+json}.
 */
package dev.sealdrop.server.problem;
