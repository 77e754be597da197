package dev.sealdrop.server.storage;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the storage master key: inline property, configured file, or the default file under the
 * data directory, generating that one on first start. The key file holds the base64 text of the 32
 * bytes and a newline.
 */
final class MasterKeyLoader {

	private static final Logger log = LoggerFactory.getLogger(MasterKeyLoader.class);

	static final String DEFAULT_FILE = "storage-master.key";

	private MasterKeyLoader() {
	}

	/** @return the 32 key bytes; the caller zeroes them after use */
	static byte[] load(StorageProperties properties, Path keysDir, SecureRandom random) throws IOException {
		if (properties.masterKey() != null) {
			return decode(properties.masterKey(), "sealdrop.storage.master-key");
		}
		if (properties.masterKeyFile() != null) {
			return read(properties.masterKeyFile());
		}
		Path file = keysDir.resolve(DEFAULT_FILE);
		if (Files.exists(file)) {
			return read(file);
		}
		return generate(file, random);
	}

	private static byte[] read(Path file) throws IOException {
		warnIfReadableByOthers(file);
		byte[] text = Files.readAllBytes(file);
		try {
			return decode(new String(text, StandardCharsets.US_ASCII).strip(), "storage master key file " + file);
		}
		finally {
			Arrays.fill(text, (byte) 0);
		}
	}

	private static byte[] decode(String base64, String source) {
		byte[] key;
		try {
			key = Base64.getDecoder().decode(base64);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException(source + " is not base64");
		}
		if (key.length != 32) {
			Arrays.fill(key, (byte) 0);
			throw new IllegalStateException(source + " must be base64 of exactly 32 bytes");
		}
		return key;
	}

	private static byte[] generate(Path file, SecureRandom random) throws IOException {
		Files.createDirectories(file.getParent());
		byte[] key = new byte[32];
		random.nextBytes(key);
		byte[] text = (Base64.getEncoder().encodeToString(key) + "\n").getBytes(StandardCharsets.US_ASCII);
		try {
			// Created with 0600 from the start, so the key is never readable by others, even briefly.
			Path temp = file.resolveSibling(file.getFileName() + ".new");
			Files.deleteIfExists(temp);
			try (OutputStream out = Files.newOutputStream(create(temp), StandardOpenOption.WRITE)) {
				out.write(text);
			}
			try (var channel = java.nio.channels.FileChannel.open(temp, StandardOpenOption.WRITE)) {
				channel.force(true);
			}
			Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
			FileSystemBlobStore.forceDirectory(file.getParent());
		}
		catch (FileAlreadyExistsException ex) {
			throw new IllegalStateException("storage master key file appeared while generating it: " + file);
		}
		finally {
			Arrays.fill(text, (byte) 0);
		}
		log.info("Generated a new storage master key in {}; back it up: stored files cannot be read without it",
				file);
		return key;
	}

	private static Path create(Path file) throws IOException {
		if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
			FileAttribute<Set<PosixFilePermission>> ownerOnly = PosixFilePermissions
				.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
			return Files.createFile(file, ownerOnly);
		}
		return Files.createFile(file);
	}

	private static void warnIfReadableByOthers(Path file) throws IOException {
		if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
			Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
			if (perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ)) {
				log.warn("Storage master key file {} is readable by group or others; chmod 600 it", file);
			}
		}
	}

}
