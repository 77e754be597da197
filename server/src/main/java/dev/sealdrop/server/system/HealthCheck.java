package dev.sealdrop.server.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Container health probe: exits 0 if the liveness endpoint answers 200, 1 otherwise. Uses only the
 * JDK so the runtime image needs no curl (a smaller attack surface) and it starts without Spring:
 * {@code java -cp sealdrop-server.jar dev.sealdrop.server.system.HealthCheck} on the extracted jar.
 * The URL defaults to {@code http://127.0.0.1:${SERVER_PORT:-8080}/actuator/health/liveness};
 * {@code SEALDROP_HEALTHCHECK_URL} overrides it (e.g. for a separate management port).
 */
public final class HealthCheck {

	private HealthCheck() {
	}

	public static void main(String[] args) {
		String url = System.getenv("SEALDROP_HEALTHCHECK_URL");
		if (url == null || url.isBlank()) {
			String port = System.getenv().getOrDefault("SERVER_PORT", "8080");
			url = "http://127.0.0.1:" + port + "/actuator/health/liveness";
		}
		System.exit(check(url) ? 0 : 1);
	}

	static boolean check(String url) {
		try {
			HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
			HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build();
			HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
			return response.statusCode() == 200;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		catch (Exception ex) {
			System.err.println("health check failed: " + ex);
			return false;
		}
	}

}
