package dev.sealdrop.client.config;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A configuration file that exists but cannot be used: malformed, wrong permissions, unsupported
 * version. The message names the file (and line) and what to do; it never contains token values.
 */
public class ConfigException extends IOException {

	private static final long serialVersionUID = 1L;

	private final transient Path file;

	public ConfigException(Path file, String problem) {
		super(file + ": " + problem);
		this.file = file;
	}

	public ConfigException(Path file, String problem, Throwable cause) {
		super(file + ": " + problem, cause);
		this.file = file;
	}

	/** The file at fault. */
	public Path file() {
		return file;
	}

}
