package dev.sealdrop.server.system;

import java.nio.file.Path;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code sealdrop.data-dir}: the one directory that holds all server state (database, keys,
 * blobs). Relative paths resolve against the working directory; H2 needs them to start with
 * {@code ./}.
 */
@ConfigurationProperties("sealdrop")
@Validated
record DataDirProperties(@NotNull @DefaultValue("./data") Path dataDir) {
}
