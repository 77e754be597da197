package dev.sealdrop.client;

import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One-line JSON objects for {@code --json} output: one object per file, so scripts can read line by
 * line. Everything outside ASCII is written as a {@code \\uXXXX} escape: names come from the server,
 * and escaped, C1 controls and bidirectional overrides cannot reach a terminal showing the output.
 */
final class JsonLines {

	private static final JsonMapper JSON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

	private JsonLines() {
	}

	static ObjectNode object() {
		return JSON.createObjectNode();
	}

	/** {@code {"id":...,"name":...,"size":...,"sha256":...}} */
	static String file(String id, String name, long size, String sha256) {
		ObjectNode node = object();
		node.put("id", id);
		node.put("name", name);
		node.put("size", size);
		node.put("sha256", sha256);
		return write(node);
	}

	static String write(ObjectNode node) {
		return JSON.writeValueAsString(node);
	}

}
