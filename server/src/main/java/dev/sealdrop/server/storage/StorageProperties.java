package dev.sealdrop.server.storage;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code sealdrop.storage.*}: where the storage master key comes from. At most one of the two may be
 * set; with neither, the key is generated on first start into
 * {@code ${sealdrop.data-dir}/keys/storage-master.key} (0600) and read from there afterwards.
 *
 * @param masterKey the key inline, base64 of exactly 32 bytes (e.g. from an environment variable
 * or a secret store); never logged
 * @param masterKeyFile a file holding the base64 key
 */
@Validated
@ConfigurationProperties("sealdrop.storage")
public record StorageProperties(String masterKey, Path masterKeyFile) {

	public StorageProperties {
		if (masterKey != null && masterKey.isBlank()) {
			masterKey = null;
		}
		if (masterKey != null && masterKeyFile != null) {
			throw new IllegalArgumentException(
					"set either sealdrop.storage.master-key or sealdrop.storage.master-key-file, not both");
		}
	}

	@Override
	public String toString() {
		return "StorageProperties[masterKey=" + (this.masterKey != null ? "(set)" : "(unset)") + ", masterKeyFile="
				+ this.masterKeyFile + "]";
	}

}
