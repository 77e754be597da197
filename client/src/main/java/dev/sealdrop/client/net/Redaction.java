package dev.sealdrop.client.net;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Hides credentials in headers before they reach an {@link HttpLog}. */
final class Redaction {

	private static final Set<String> SECRET = Set.of("authorization", "proxy-authorization", "cookie", "set-cookie");

	private Redaction() {
	}

	static Map<String, List<String>> headers(Map<String, List<String>> headers) {
		Map<String, List<String>> out = new LinkedHashMap<>();
		headers.forEach((name, values) -> {
			if (!SECRET.contains(name.toLowerCase(Locale.ROOT))) {
				out.put(name, List.copyOf(values));
				return;
			}
			List<String> redacted = new ArrayList<>(values.size());
			for (String value : values) {
				redacted.add(value(value));
			}
			out.put(name, redacted);
		});
		return out;
	}

	/** Keeps an auth scheme ("Bearer", "Basic") since it helps debugging; the rest becomes ***. */
	static String value(String value) {
		int space = value.indexOf(' ');
		if (space > 0 && value.substring(0, space).matches("[A-Za-z][A-Za-z0-9-]*")) {
			return value.substring(0, space) + " ***";
		}
		return "***";
	}

}
