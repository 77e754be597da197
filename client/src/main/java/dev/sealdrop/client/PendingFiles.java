package dev.sealdrop.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Temporary files that must not survive the process: partial outputs being written. A shutdown hook
 * deletes whatever is still registered when the JVM exits (Ctrl-C, SIGTERM), so an interrupted
 * command leaves no partial, unverified output behind.
 */
final class PendingFiles {

	private static final Set<Path> pending = new LinkedHashSet<>();

	private static boolean hookInstalled;

	private PendingFiles() {
	}

	static synchronized void register(Path file) {
		if (!hookInstalled) {
			Runtime.getRuntime().addShutdownHook(new Thread(PendingFiles::deleteAll, "sealdrop-cleanup"));
			hookInstalled = true;
		}
		pending.add(file);
	}

	static synchronized void unregister(Path file) {
		pending.remove(file);
	}

	static synchronized boolean isPending(Path file) {
		return pending.contains(file);
	}

	/** Deletes every registered file; runs in the shutdown hook. */
	static synchronized void deleteAll() {
		for (Path file : pending) {
			try {
				Files.deleteIfExists(file);
			}
			catch (IOException ex) {
				// Best effort while the JVM exits; nothing else can be done here.
			}
		}
		pending.clear();
	}

}
