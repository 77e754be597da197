package dev.sealdrop.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import dev.sealdrop.format.Identity;

/** Key pairs written into a test's working directory as NAME.pem and NAME.pub.pem. */
final class TestKeys {

	private TestKeys() {
	}

	static Identity create(CliRun cli, String name) throws IOException {
		return create(cli, name, null);
	}

	static Identity create(CliRun cli, String name, String passphrase) throws IOException {
		Identity identity = Identity.generate();
		identity.writePrivate(cli.path(name + ".pem"), (passphrase != null) ? passphrase.toCharArray() : null, false);
		Files.writeString(cli.path(name + ".pub.pem"), identity.recipient().toPem(), StandardCharsets.US_ASCII);
		return identity;
	}

}
