package dev.sealdrop.server.system;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class DataDirEnvironmentPostProcessorTests {

	private final DataDirEnvironmentPostProcessor processor = new DataDirEnvironmentPostProcessor();

	@Test
	void relativeDataDirBecomesAbsoluteAndNormalized() {
		MockEnvironment environment = new MockEnvironment().withProperty("sealdrop.data-dir", "./x/../data");
		this.processor.postProcessEnvironment(environment, null);
		assertThat(environment.getProperty("sealdrop.data-dir"))
			.isEqualTo(Path.of("data").toAbsolutePath().normalize().toString());
	}

	@Test
	void placeholdersThatUseTheDataDirSeeTheAbsolutePath() {
		MockEnvironment environment = new MockEnvironment().withProperty("sealdrop.data-dir", "data")
			.withProperty("url", "jdbc:h2:file:${sealdrop.data-dir}/db/sealdrop");
		this.processor.postProcessEnvironment(environment, null);
		assertThat(environment.getProperty("url")).isEqualTo(
				"jdbc:h2:file:" + Path.of("data").toAbsolutePath() + "/db/sealdrop");
	}

	@Test
	void absoluteDataDirIsLeftAlone() {
		String absolute = Path.of("/srv/sealdrop").toAbsolutePath().toString();
		MockEnvironment environment = new MockEnvironment().withProperty("sealdrop.data-dir", absolute);
		this.processor.postProcessEnvironment(environment, null);
		assertThat(environment.getPropertySources().contains(DataDirEnvironmentPostProcessor.SOURCE_NAME)).isFalse();
	}

	@Test
	void missingDataDirIsLeftToTheDefault() {
		MockEnvironment environment = new MockEnvironment();
		this.processor.postProcessEnvironment(environment, null);
		assertThat(environment.getProperty("sealdrop.data-dir")).isNull();
	}

}
