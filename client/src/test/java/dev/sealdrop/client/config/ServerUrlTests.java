package dev.sealdrop.client.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ServerUrlTests {

	@ParameterizedTest
	@CsvSource({
		"https://files.example.com, https://files.example.com",
		"HTTPS://Files.Example.COM/, https://files.example.com",
		"https://files.example.com:443, https://files.example.com",
		"http://localhost:80/, http://localhost",
		"https://example.com:8443/sealdrop//, https://example.com:8443/sealdrop",
		"http://127.0.0.1:8080, http://127.0.0.1:8080",
		"http://[::1]:8080, http://[::1]:8080" })
	void normalizes(String input, String expected) {
		assertThat(ServerUrl.parse(input)).hasToString(expected);
		assertThat(ServerUrl.parse(input)).isEqualTo(ServerUrl.parse(expected));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "files.example.com", "ftp://files.example.com", "https://alice:pw@files.example.com",
			"https://files.example.com/?x=1", "https://files.example.com/#frag", "https:///path", "https://exa mple.com",
			"https://example.com/a/../b", "https://例子.example", "https://example.com/\n", "file:///etc/passwd" })
	void rejects(String input) {
		assertThatThrownBy(() -> ServerUrl.parse(input)).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void doesNotRepeatCredentialsInTheMessage() {
		assertThatThrownBy(() -> ServerUrl.parse("https://alice:hunter2@files.example.com"))
			.hasMessageNotContaining("hunter2");
	}

	@Test
	void buildsApiUrisUnderApiV1() {
		ServerUrl url = ServerUrl.parse("https://example.com/sealdrop");

		assertThat(url.api("/files/42/archive?client=abc")).hasToString("https://example.com/sealdrop/api/v1/files/42/archive?client=abc");
	}

	@ParameterizedTest
	@ValueSource(strings = { "files", "//evil.example/x", "/files/../admin", "/./x", "/files#x", "/files/ä", "/a b" })
	void rejectsApiPathsThatCouldEscape(String path) {
		ServerUrl url = ServerUrl.parse("https://example.com");

		assertThatThrownBy(() -> url.api(path)).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void knowsLoopbackAndTls() {
		assertThat(ServerUrl.parse("http://localhost:8080").isLoopback()).isTrue();
		assertThat(ServerUrl.parse("http://127.0.0.2").isLoopback()).isTrue();
		assertThat(ServerUrl.parse("http://[::1]").isLoopback()).isTrue();
		assertThat(ServerUrl.parse("http://localhost.evil.example").isLoopback()).isFalse();
		assertThat(ServerUrl.parse("http://127.0.0.1.evil.example").isLoopback()).isFalse();
		assertThat(ServerUrl.parse("https://example.com").isHttps()).isTrue();
	}

}
