package dev.sealdrop.server.system;

import javax.sql.DataSource;

import org.springframework.boot.autoconfigure.AbstractDependsOnBeanFactoryPostProcessor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Creates the data directory before anything (the H2 file database first of all) writes into it. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DataDirProperties.class)
class SystemConfig {

	static final String DATA_DIRECTORY_BEAN = "sealdropDataDirectory";

	@Bean(DATA_DIRECTORY_BEAN)
	DataDirectory sealdropDataDirectory(DataDirProperties properties) {
		return new DataDirectory(properties.dataDir());
	}

	@Bean
	static DataSourceDependsOnDataDirectory dataSourceDependsOnDataDirectory() {
		return new DataSourceDependsOnDataDirectory();
	}

	/**
	 * The DataSource only knows a JDBC URL; this makes the dependency on the directory explicit so
	 * H2 never creates it first with default (world-readable) permissions.
	 */
	static class DataSourceDependsOnDataDirectory extends AbstractDependsOnBeanFactoryPostProcessor {

		DataSourceDependsOnDataDirectory() {
			super(DataSource.class, DATA_DIRECTORY_BEAN);
		}

	}

}
