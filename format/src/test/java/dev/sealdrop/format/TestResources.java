package dev.sealdrop.format;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Loads test data from the classpath; fails loudly if it is missing, so no test silently checks nothing. */
final class TestResources {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private TestResources() {
	}

	static String text(String name) {
		try (InputStream in = TestResources.class.getResourceAsStream("/" + name)) {
			if (in == null) {
				throw new IllegalStateException("missing test resource " + name);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static JsonNode json(String name) {
		return JSON.readTree(text(name));
	}

	/** A Wycheproof test and the group it belongs to. */
	record WycheproofCase(JsonNode group, JsonNode test) {

		int id() {
			return test.get("tcId").asInt();
		}

		String result() {
			return test.get("result").stringValue();
		}

		String hex(String name) {
			return test.get(name).stringValue();
		}

		@Override
		public String toString() {
			return "tc" + id() + " " + result() + " " + test.get("comment").stringValue() + " " + test.get("flags");
		}

	}

	static List<WycheproofCase> wycheproof(String file) {
		JsonNode root = json("wycheproof/" + file);
		List<WycheproofCase> cases = new ArrayList<>();
		for (JsonNode group : root.get("testGroups")) {
			for (JsonNode test : group.get("tests")) {
				cases.add(new WycheproofCase(group, test));
			}
		}
		return cases;
	}

	static int wycheproofCount(String file) {
		return json("wycheproof/" + file).get("numberOfTests").asInt();
	}

	static byte[] hex(String text) {
		return Hex.decode(text);
	}

}
