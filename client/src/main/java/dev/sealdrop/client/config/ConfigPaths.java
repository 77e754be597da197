package dev.sealdrop.client.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;

/**
 * Where the client keeps its files: {@code $XDG_CONFIG_HOME/sealdrop} when that variable holds an
 * absolute path (the XDG Base Directory spec says to ignore relative ones), else
 * {@code ~/.config/sealdrop}. The environment is passed in, so tests never touch the real one.
 */
public final class ConfigPaths {

	private final Path dir;

	private ConfigPaths(Path dir) {
		this.dir = dir;
	}

	/** From the process environment and the {@code user.home} system property. */
	public static ConfigPaths fromEnvironment() {
		return of(System::getenv, Path.of(System.getProperty("user.home")));
	}

	/**
	 * @param env environment lookup (returns null for unset variables)
	 * @param userHome the home directory used when {@code XDG_CONFIG_HOME} is unset or relative
	 */
	public static ConfigPaths of(Function<String, String> env, Path userHome) {
		Objects.requireNonNull(env, "env");
		Objects.requireNonNull(userHome, "userHome");
		String xdg = env.apply("XDG_CONFIG_HOME");
		if (xdg != null && !xdg.isEmpty()) {
			Path base = Path.of(xdg);
			if (base.isAbsolute()) {
				return new ConfigPaths(base.resolve("sealdrop"));
			}
		}
		return new ConfigPaths(userHome.resolve(".config").resolve("sealdrop"));
	}

	/** A fixed folder, e.g. from a {@code --config-dir} option. */
	public static ConfigPaths at(Path dir) {
		return new ConfigPaths(Objects.requireNonNull(dir, "dir"));
	}

	/** The sealdrop configuration folder (not created by this class). */
	public Path dir() {
		return dir;
	}

	/** {@code config.json}: server URL, API token, user name, client identity. */
	public Path configFile() {
		return dir.resolve("config.json");
	}

	/** {@code known_servers}: pinned server identities. */
	public Path knownServersFile() {
		return dir.resolve("known_servers");
	}

	/** The default place for the registered client's private key ({@code client-key.pem}). */
	public Path clientKeyFile() {
		return dir.resolve("client-key.pem");
	}

	@Override
	public String toString() {
		return dir.toString();
	}

}
