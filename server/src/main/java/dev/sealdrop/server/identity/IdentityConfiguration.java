package dev.sealdrop.server.identity;

import java.io.IOException;
import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.sealdrop.server.system.DataDirectory;

/** Loads (or on first start creates) the signing identity while the context starts. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IdentityProperties.class)
class IdentityConfiguration {

	@Bean
	ServerIdentity serverIdentity(IdentityProperties properties, DataDirectory dataDirectory,
			ObjectProvider<Clock> clock) throws IOException {
		IdentityLoader loader = new IdentityLoader(properties, clock.getIfAvailable(Clock::systemUTC));
		if (properties.configured()) {
			return loader.loadConfigured();
		}
		return loader.loadOrCreateLocal(dataDirectory.createPrivateDirectories("identity"));
	}

}
