package dev.sealdrop.client;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest ({@code Implementation-Version}), and the Java runtime. */
final class VersionProvider implements IVersionProvider {

	@Override
	public String[] getVersion() {
		String version = Main.class.getPackage().getImplementationVersion();
		return new String[] { "sealdrop " + ((version != null) ? version : "(development build)"),
				"Java " + Runtime.version() + " (" + System.getProperty("java.vendor", "unknown vendor") + ")" };
	}

}
