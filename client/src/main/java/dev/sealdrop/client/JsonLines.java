package dev.sealdrop.client;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** One-line JSON objects for {@code --json} output: one object per file, so scripts can read line by line. */
final class JsonLines {

	private static final JsonMapper JSON = JsonMapper.builder().build();

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
