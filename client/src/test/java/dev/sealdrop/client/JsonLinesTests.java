package dev.sealdrop.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

class JsonLinesTests {

	@Test
	void namesFromTheServerAreEscapedSoNoControlOrBidiCharacterReachesTheTerminal() {
		String hostile = "big\u009b2J\u202e\u001b.bin";

		String line = JsonLines.file("id-1", hostile, 3, "ab");

		assertThat(line).doesNotContain("\u009b").doesNotContain("\u202e").doesNotContain("\u001b");
		assertThat(line.chars().allMatch((c) -> c >= 0x20 && c < 0x7f)).as(line).isTrue();
		assertThat(JsonMapper.builder().build().readTree(line).get("name").asString()).isEqualTo(hostile);
	}

}
