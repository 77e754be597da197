package dev.sealdrop.server.keys;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.interfaces.ECPrivateKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import dev.sealdrop.format.Identity;

/** Reads the server key named by {@code sealdrop.server-key.pem-file} or {@code pkcs12-file}. */
final class ConfiguredKeyLoader {

	private ConfiguredKeyLoader() {
	}

	/** @return the configured identity, or {@code null} when none is configured */
	static Identity load(ServerKeyProperties properties) throws IOException {
		if (properties.pemFile() != null) {
			char[] passphrase = properties.pemPassphrase() != null ? properties.pemPassphrase().toCharArray() : null;
			return Identity.read(properties.pemFile(), passphrase);
		}
		if (properties.pkcs12File() != null) {
			return fromPkcs12(properties);
		}
		return null;
	}

	private static Identity fromPkcs12(ServerKeyProperties properties) throws IOException {
		char[] password = properties.pkcs12Password() != null ? properties.pkcs12Password().toCharArray() : new char[0];
		try (InputStream in = Files.newInputStream(properties.pkcs12File())) {
			KeyStore store = KeyStore.getInstance("PKCS12");
			store.load(in, password);
			String alias = properties.pkcs12Alias() != null ? properties.pkcs12Alias() : onlyKeyAlias(store);
			if (!store.isKeyEntry(alias)) {
				throw new IllegalStateException("PKCS#12 file " + properties.pkcs12File() + " has no key entry '"
						+ alias + "'");
			}
			Key key = store.getKey(alias, password);
			if (!(key instanceof ECPrivateKey ec)) {
				throw new IllegalStateException("key '" + alias + "' in " + properties.pkcs12File()
						+ " is not an EC private key");
			}
			return Identity.of(ec);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("cannot read PKCS#12 file " + properties.pkcs12File()
					+ " (wrong password or damaged file)", ex);
		}
	}

	private static String onlyKeyAlias(KeyStore store) throws GeneralSecurityException {
		List<String> keys = new ArrayList<>();
		for (String alias : Collections.list(store.aliases())) {
			if (store.isKeyEntry(alias)) {
				keys.add(alias);
			}
		}
		if (keys.size() != 1) {
			throw new IllegalStateException("the PKCS#12 file holds " + keys.size()
					+ " keys; set sealdrop.server-key.pkcs12-alias");
		}
		return keys.get(0);
	}

}
