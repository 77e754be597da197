/**
 * The HTTP side of the client: {@link dev.sealdrop.client.net.ApiClient} talks to the sealdrop
 * API v1 over the JDK's {@code java.net.http.HttpClient}, with JSON via Jackson, problem+json
 * errors as {@link dev.sealdrop.client.net.ApiProblemException}, retries with backoff
 * ({@link dev.sealdrop.client.net.RetryPolicy}), streamed uploads fed by a writer callback and
 * resumable downloads ({@link dev.sealdrop.client.net.DownloadStream}).
 *
 * <p>Nothing here logs or puts into messages a token, password or body content; the
 * {@link dev.sealdrop.client.net.HttpLog} sees headers with credentials redacted.
 */
package dev.sealdrop.client.net;
