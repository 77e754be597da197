package dev.sealdrop.server.download;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds {@code sealdrop.download.*}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DownloadProperties.class)
class DownloadConfiguration {

}
