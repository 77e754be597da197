package dev.sealdrop.server.download;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Binds {@code sealdrop.download.*} and applies the socket write buffer to Tomcat's connector. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DownloadProperties.class)
class DownloadConfiguration {

	@Bean
	TomcatConnectorCustomizer downloadSocketWriteBuffer(DownloadProperties properties) {
		String bytes = Long.toString(properties.socketWriteBuffer().toBytes());
		return (connector) -> connector.setProperty("socket.appWriteBufSize", bytes);
	}

}
