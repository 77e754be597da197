package dev.sealdrop.client.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

/**
 * Sends one request for {@link ApiClient}, logs it (without secrets), and turns error statuses into
 * {@link ApiProblemException}s. Retrying is the caller's business.
 */
final class Exchange {

	private final HttpClient http;

	private final HttpLog log;

	private final RetryPolicy retryPolicy;

	private final Duration idleTimeout;

	Exchange(HttpClient http, HttpLog log, RetryPolicy retryPolicy, Duration idleTimeout) {
		this.http = http;
		this.log = log;
		this.retryPolicy = retryPolicy;
		this.idleTimeout = idleTimeout;
	}

	HttpResponse<InputStream> send(HttpRequest request) throws IOException {
		logRequest(request);
		try {
			return checked(request, http.send(request, HttpResponse.BodyHandlers.ofInputStream()));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InterruptedIOException(request.method() + " " + request.uri().getPath() + " interrupted");
		}
	}

	/**
	 * Sends a request whose body may take long (an upload): no overall timeout, but if
	 * {@code progress} (bytes of body handed to the HTTP client) stands still for the idle
	 * timeout while no response has come, the exchange is cancelled with {@link Stalled}.
	 */
	HttpResponse<InputStream> sendWatched(HttpRequest request, LongSupplier progress) throws IOException {
		logRequest(request);
		CompletableFuture<HttpResponse<InputStream>> future = http.sendAsync(request,
				HttpResponse.BodyHandlers.ofInputStream());
		long idleNanos = idleTimeout.toNanos();
		long slice = Math.max(10, Math.min(1000, idleTimeout.toMillis() / 4));
		long seen = progress.getAsLong();
		long lastChange = System.nanoTime();
		while (true) {
			try {
				return checked(request, future.get(slice, TimeUnit.MILLISECONDS));
			}
			catch (TimeoutException ex) {
				long now = System.nanoTime();
				long current = progress.getAsLong();
				if (current != seen) {
					seen = current;
					lastChange = now;
				}
				else if (now - lastChange >= idleNanos) {
					future.cancel(true);
					throw new Stalled(idleTimeout);
				}
			}
			catch (ExecutionException ex) {
				throw unwrap(ex);
			}
			catch (InterruptedException ex) {
				future.cancel(true);
				Thread.currentThread().interrupt();
				throw new InterruptedIOException(request.method() + " " + request.uri().getPath() + " interrupted");
			}
		}
	}

	private void logRequest(HttpRequest request) {
		log.request(request.method(), request.uri(), Redaction.headers(request.headers().map()));
	}

	private HttpResponse<InputStream> checked(HttpRequest request, HttpResponse<InputStream> response)
			throws ApiProblemException {
		log.response(response.statusCode(), request.uri(), Redaction.headers(response.headers().map()));
		int status = response.statusCode();
		if (status >= 200 && status <= 299) {
			return response;
		}
		throw Problems.from(response, retryPolicy);
	}

	private IOException unwrap(ExecutionException ex) {
		Throwable cause = ex.getCause();
		// The JDK reports a failing body InputStream as UncheckedIOException from sendAsync.
		while ((cause instanceof CompletionException || cause instanceof java.io.UncheckedIOException)
				&& cause.getCause() != null) {
			cause = cause.getCause();
		}
		return LocalFailure.asIOException(cause);
	}

}
