package dev.sealdrop.client.net;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Turns an error response into an {@link ApiProblemException} (RFC 9457 problem+json when present). */
final class Problems {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private Problems() {
	}

	static ApiProblemException from(HttpResponse<InputStream> response, RetryPolicy policy) {
		int status = response.statusCode();
		Duration retryAfter = response.headers().firstValue("Retry-After").flatMap(policy::parseRetryAfter).orElse(null);
		String type = null;
		String title = null;
		String detail = null;
		String contentType = response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
		try (InputStream in = response.body()) {
			// Only a bounded prefix is read; the rest of a huge error page is dropped with the connection.
			byte[] body = in.readNBytes(ApiClient.MAX_ERROR_BYTES);
			if (contentType.contains("json") && body.length > 0) {
				JsonNode root = JSON.readTree(body);
				if (root != null && root.isObject()) {
					type = slug(text(root, "type"));
					title = text(root, "title");
					detail = text(root, "detail");
				}
			}
		}
		catch (IOException | JacksonException ex) {
			// The status alone still says what happened; a broken error body must not hide it.
		}
		if (status >= 300 && status <= 399) {
			title = "unexpected redirect";
			detail = "the server redirected to " + response.headers().firstValue("Location").orElse("?")
					+ "; check the server URL (redirects are not followed)";
		}
		if (status == 416) {
			String range = response.headers().firstValue("Content-Range").orElse("");
			long complete = range.matches("bytes \\*/\\d{1,18}") ? Long.parseLong(range.substring(8)) : -1;
			return new RangeNotSatisfiable(type, title, detail, retryAfter, complete);
		}
		return new ApiProblemException(status, type, title, detail, retryAfter);
	}

	private static String text(JsonNode root, String field) {
		JsonNode node = root.get(field);
		return node != null && node.isString() ? node.stringValue() : null;
	}

	private static String slug(String type) {
		if (type == null || type.equals("about:blank")) {
			return null;
		}
		return type.startsWith(ApiProblemException.TYPE_PREFIX) ? type.substring(ApiProblemException.TYPE_PREFIX.length()) : type;
	}

}
