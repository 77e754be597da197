package dev.sealdrop.server.storage;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.Arrays;

import dev.sealdrop.server.system.DataDirectory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the blob store, the storage master key and the data directory layout. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StorageProperties.class)
class StorageConfiguration {

	@Bean
	StoragePaths storagePaths(DataDirectory dataDirectory) {
		return StoragePaths.create(dataDirectory);
	}

	@Bean
	FileSystemBlobStore blobStore(StoragePaths paths) throws IOException {
		return new FileSystemBlobStore(paths.blobs());
	}

	@Bean
	StorageKeyWrapper storageKeyWrapper(StorageProperties properties, StoragePaths paths) throws IOException {
		SecureRandom random = new SecureRandom();
		byte[] key = MasterKeyLoader.load(properties, paths.keys(), random);
		try {
			return new StorageKeyWrapper(key, random);
		}
		finally {
			Arrays.fill(key, (byte) 0);
		}
	}

}
