package dev.sealdrop.server.system;

import java.nio.file.Path;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Makes {@code sealdrop.data-dir} absolute before anything reads it, so every consumer (the H2 JDBC
 * URL, the disk-space health indicator, the features' directories) agrees on one directory, and a
 * plain relative value such as {@code data} works although H2 rejects relative paths without
 * {@code ./}. Public only because {@code META-INF/spring.factories} instantiates it.
 */
public final class DataDirEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String PROPERTY = "sealdrop.data-dir";

	static final String SOURCE_NAME = "sealdropAbsoluteDataDir";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String value = environment.getProperty(PROPERTY);
		if (value == null || value.isBlank()) {
			return;
		}
		Path path = Path.of(value);
		if (!path.isAbsolute()) {
			environment.getPropertySources()
				.addFirst(new MapPropertySource(SOURCE_NAME,
						Map.of(PROPERTY, path.toAbsolutePath().normalize().toString())));
		}
	}

	/** After the config files are loaded, so the value from application.yml is seen. */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
