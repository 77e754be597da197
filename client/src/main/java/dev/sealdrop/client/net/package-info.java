/**
 * The HTTP side of the client: {@link dev.sealdrop.client.net.ApiClient} talks to the sealdrop
 * API v1 over the JDK's {@code java.net.http.HttpClient}, with JSON via Jackson, problem+json
 * errors as {@link dev.sealdrop.client.net.ApiProblemException}, retries with backoff
 * ({@link dev.sealdrop.client.net.RetryPolicy}), streamed uploads fed by a writer callback and
 * resumable downloads ({@link dev.sealdrop.client.net.DownloadStream}).
 *
 * <p>Nothing here logs or puts into messages a token, password or body content; the
 * {@link dev.sealdrop.client.net.HttpLog} sees headers with credentials redacted.
 *
 * <p>Uploading a file, encrypting on the fly (no temporary archive):
 * <pre>{@code
 * ApiClient api = ApiClient.builder(config.server()).credentials(Credentials.bearer(config.token()))
 *     .log(verbose ? HttpLog.printingTo(err) : HttpLog.NONE).build();
 * AtomicReference<EncryptingOutputStream> last = new AtomicReference<>();
 * FileInfo file = api.upload("/files", "report.pdf", out -> {       // re-run from scratch on a retry
 *     try (InputStream in = Files.newInputStream(path);
 *          EncryptingOutputStream enc = Sealdrop.encrypt(out, EncryptOptions.of(name, size), List.of(serverKey))) {
 *         last.set(enc);
 *         in.transferTo(enc);
 *     }
 * }, ApiClient.newIdempotencyKey(), ApiTypes.FileInfo.class);
 * // compare file.sha256() with HexFormat.of().formatHex(last.get().plaintextSha256())
 * }</pre>
 * For standard input wrap the supplier in {@link dev.sealdrop.client.net.BodySupplier#once}.
 *
 * <p>Downloading and decrypting while the bytes arrive (the stream resumes by itself):
 * <pre>{@code
 * try (DownloadStream archive = api.download("/files/" + ApiClient.segment(id) + "/archive?client=" + clientId, id);
 *      DecryptingInputStream in = Sealdrop.decrypt(archive, List.of(identity))) {
 *     in.transferTo(tempFileOut);   // then move the temp file into place
 * }
 * }</pre>
 *
 * <p>Errors for the command layer: {@link dev.sealdrop.client.net.FatalTransferException} (its
 * message is the {@code Fatal: ... after N attempts: ...} line to print),
 * {@link dev.sealdrop.client.net.ApiProblemException} (a non-retryable status: 400, 401, 403, 404,
 * 409, 413 ...), other IOExceptions (local files), IllegalArgumentException (bad input).
 */
package dev.sealdrop.client.net;
