package dev.sealdrop.server.system;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged application.yml (the root file) documents every sealdrop property: each component of
 * every {@code @ConfigurationProperties} record in the server appears as a key, or as a commented
 * example ({@code # name: ...}) for optional values without a default.
 */
class ConfigurationDocumentationTests {

	@Test
	void everySealdropPropertyAppearsInApplicationYml() throws Exception {
		YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
		yaml.setResources(new ClassPathResource("application.yml"));
		Properties keys = yaml.getObject();
		String text;
		try (InputStream in = new ClassPathResource("application.yml").getInputStream()) {
			text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		List<String> missing = new ArrayList<>();
		for (String property : sealdropProperties()) {
			String leaf = property.substring(property.lastIndexOf('.') + 1);
			boolean present = keys.containsKey(property) || keys.keySet()
				.stream()
				.anyMatch((key) -> key.toString().startsWith(property + ".") || key.toString().startsWith(property + "["));
			if (!present && !text.contains("# " + leaf + ":")) {
				missing.add(property);
			}
		}
		assertThat(missing).as("properties missing from application.yml").isEmpty();
	}

	@Test
	void frameworkSettingsTheServerReliesOnArePackaged() throws Exception {
		YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
		yaml.setResources(new ClassPathResource("application.yml"));
		Properties keys = yaml.getObject();
		assertThat(keys).containsEntry("server.shutdown", "graceful")
			.containsEntry("spring.flyway.placeholder-replacement", false)
			.containsEntry("management.health.diskspace.path", "${sealdrop.data-dir}")
			.containsKey("spring.datasource.url");
	}

	private static List<String> sealdropProperties() throws IOException, ClassNotFoundException {
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
		scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
		List<String> properties = new ArrayList<>();
		for (BeanDefinition candidate : scanner.findCandidateComponents("dev.sealdrop.server")) {
			Class<?> type = ClassUtils.forName(candidate.getBeanClassName(), null);
			ConfigurationProperties annotation = type.getAnnotation(ConfigurationProperties.class);
			String prefix = annotation.value().isEmpty() ? annotation.prefix() : annotation.value();
			if (type.isRecord()) {
				collect(prefix, type, properties);
			}
		}
		assertThat(properties).as("scanned properties").contains("sealdrop.data-dir", "sealdrop.admin.password",
				"sealdrop.security.login-throttle.max-failures-per-username");
		return properties;
	}

	private static void collect(String prefix, Class<?> record, List<String> into) {
		for (RecordComponent component : record.getRecordComponents()) {
			String name = prefix + "." + kebab(component.getName());
			if (component.getType().isRecord()) {
				collect(name, component.getType(), into);
			}
			else {
				into.add(name);
			}
		}
	}

	private static String kebab(String camel) {
		return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
	}

}
