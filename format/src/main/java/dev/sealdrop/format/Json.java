package dev.sealdrop.format;

import java.util.Set;

import tools.jackson.databind.JsonNode;

/** Typed, strict access to members of a parsed JSON header; every failure names the member. */
final class Json {

	private Json() {
	}

	/** Requires exactly the {@code required} members plus any of the {@code optional} ones. */
	static void members(JsonNode node, String where, Set<String> required, Set<String> optional)
			throws MalformedArchiveException {
		for (String name : node.propertyNames()) {
			if (!required.contains(name) && !optional.contains(name)) {
				throw new MalformedArchiveException(where + ": unknown member '" + printable(name) + "'");
			}
		}
		for (String name : required) {
			if (!node.has(name)) {
				throw new MalformedArchiveException(where + ": missing member '" + name + "'");
			}
		}
	}

	static JsonNode object(JsonNode node, String name, String where) throws MalformedArchiveException {
		JsonNode value = require(node, name, where);
		if (!value.isObject()) {
			throw new MalformedArchiveException(where + "." + name + ": not an object");
		}
		return value;
	}

	static JsonNode array(JsonNode node, String name, String where) throws MalformedArchiveException {
		JsonNode value = require(node, name, where);
		if (!value.isArray()) {
			throw new MalformedArchiveException(where + "." + name + ": not an array");
		}
		return value;
	}

	static String string(JsonNode node, String name, String where) throws MalformedArchiveException {
		JsonNode value = require(node, name, where);
		if (!value.isString()) {
			throw new MalformedArchiveException(where + "." + name + ": not a string");
		}
		return value.stringValue();
	}

	static long integer(JsonNode node, String name, String where, long min, long max) throws MalformedArchiveException {
		JsonNode value = require(node, name, where);
		if (!value.isIntegralNumber()) {
			throw new MalformedArchiveException(where + "." + name + ": not an integer");
		}
		if (!value.canConvertToLong() || value.longValue() < min || value.longValue() > max) {
			throw new MalformedArchiveException(where + "." + name + ": out of range " + min + " .. " + max);
		}
		return value.longValue();
	}

	/** An integer in range, or -1 for {@code null}. */
	static long integerOrNull(JsonNode node, String name, String where, long min, long max)
			throws MalformedArchiveException {
		return require(node, name, where).isNull() ? -1 : integer(node, name, where, min, max);
	}

	static byte[] base64(JsonNode node, String name, String where, int length) throws MalformedArchiveException {
		byte[] bytes;
		try {
			bytes = Base64Strict.decode(string(node, name, where));
		}
		catch (IllegalArgumentException ex) {
			throw new MalformedArchiveException(where + "." + name + ": " + ex.getMessage());
		}
		if (bytes.length != length) {
			throw new MalformedArchiveException(where + "." + name + ": not " + length + " bytes");
		}
		return bytes;
	}

	static byte[] hex(JsonNode node, String name, String where, int length) throws MalformedArchiveException {
		byte[] bytes;
		try {
			bytes = Hex.decode(string(node, name, where));
		}
		catch (IllegalArgumentException ex) {
			throw new MalformedArchiveException(where + "." + name + ": " + ex.getMessage());
		}
		if (bytes.length != length) {
			throw new MalformedArchiveException(where + "." + name + ": not " + length + " bytes");
		}
		return bytes;
	}

	private static JsonNode require(JsonNode node, String name, String where) throws MalformedArchiveException {
		JsonNode value = node.get(name);
		if (value == null) {
			throw new MalformedArchiveException(where + ": missing member '" + name + "'");
		}
		return value;
	}

	/** Input text for an error message: short, printable ASCII only. */
	static String printable(String text) {
		StringBuilder out = new StringBuilder();
		for (int i = 0; i < text.length() && out.length() < 40; i++) {
			char c = text.charAt(i);
			out.append((c >= 0x20 && c < 0x7f) ? c : '?');
		}
		return (text.length() > 40) ? out + "..." : out.toString();
	}

}
