package dev.sealdrop.format;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/** Test helpers: make archives, read them back, and take them apart and put them together again. */
final class TestArchives {

	static final int SMALL_CHUNK = 1 << 16;

	private static final Identity ALICE = Identity.generate();

	private static final Identity BOB = Identity.generate();

	private TestArchives() {
	}

	static Identity alice() {
		return ALICE;
	}

	static Identity bob() {
		return BOB;
	}

	static byte[] random(int size, long seed) {
		byte[] bytes = new byte[size];
		new Random(seed).nextBytes(bytes);
		return bytes;
	}

	static byte[] encrypt(byte[] plaintext, boolean knownSize, Identity... to) {
		return encrypt(plaintext, new EncryptOptions("file.bin", knownSize ? plaintext.length : -1, SMALL_CHUNK), to);
	}

	static byte[] encrypt(byte[] plaintext, EncryptOptions options, Identity... to) {
		ByteArrayOutputStream archive = new ByteArrayOutputStream();
		List<Recipient> recipients = new ArrayList<>();
		for (Identity identity : to) {
			recipients.add(identity.recipient());
		}
		try (EncryptingOutputStream out = Sealdrop.encrypt(archive, options, recipients)) {
			// odd-sized writes, so chunk boundaries fall inside writes
			for (int off = 0; off < plaintext.length; off += 7919) {
				out.write(plaintext, off, Math.min(7919, plaintext.length - off));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return archive.toByteArray();
	}

	static byte[] decrypt(byte[] archive, Identity... with) throws IOException {
		try (DecryptingInputStream in = Sealdrop.decrypt(new ByteArrayInputStream(archive), List.of(with))) {
			return in.readAllBytes();
		}
	}

	/** One ZIP entry: name, data, and how to store it. */
	record Entry(String name, byte[] data, int method, boolean directory) {

		Entry(String name, byte[] data) {
			this(name, data, ZipArchiveEntry.STORED, false);
		}

		Entry withData(byte[] newData) {
			return new Entry(this.name, newData, this.method, this.directory);
		}

		Entry withName(String newName) {
			return new Entry(newName, this.data, this.method, this.directory);
		}

		Entry deflated() {
			return new Entry(this.name, this.data, ZipArchiveEntry.DEFLATED, this.directory);
		}

		String text() {
			return new String(this.data, java.nio.charset.StandardCharsets.UTF_8);
		}

	}

	/** The entries of a ZIP in local-header order. */
	static List<Entry> entries(byte[] zip) {
		List<Entry> entries = new ArrayList<>();
		try (ZipArchiveInputStream in = new ZipArchiveInputStream(new ByteArrayInputStream(zip), "UTF-8", false, true)) {
			ZipArchiveEntry entry;
			while ((entry = in.getNextEntry()) != null) {
				entries.add(new Entry(entry.getName(), in.readAllBytes(), entry.getMethod(), entry.isDirectory()));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return entries;
	}

	/**
	 * A ZIP of these entries, with correct sizes and CRCs (so only the format's own checks can fail):
	 * framed exactly as a v1 writer frames them (FORMAT.md §9) when every entry is a STORED file, by
	 * Commons Compress otherwise (format 0, compressed entries, directories).
	 */
	static byte[] zip(List<Entry> entries) {
		if (entries.stream().allMatch((e) -> e.method() == ZipArchiveEntry.STORED && !e.directory())) {
			return canonicalZip(entries);
		}
		return commonsCompressZip(entries);
	}

	/** The local headers, central directory and end record a v1 writer emits (no ZIP64: small archives only). */
	static byte[] canonicalZip(List<Entry> entries) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream directory = new ByteArrayOutputStream();
		long offset = 0;
		for (Entry e : entries) {
			byte[] name = e.name().getBytes(java.nio.charset.StandardCharsets.UTF_8);
			CRC32 crc = new CRC32();
			crc.update(e.data());
			byte[] local = ArchiveFrame.localHeader(name, crc.getValue(), e.data().length);
			directory.writeBytes(ArchiveFrame.centralHeader(name, crc.getValue(), e.data().length, offset));
			out.writeBytes(local);
			out.writeBytes(e.data());
			offset += local.length + e.data().length;
		}
		out.writeBytes(directory.toByteArray());
		java.nio.ByteBuffer end = java.nio.ByteBuffer.allocate(22).order(java.nio.ByteOrder.LITTLE_ENDIAN);
		end.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) entries.size())
			.putShort((short) entries.size()).putInt(directory.size()).putInt((int) offset).putShort((short) 0);
		out.writeBytes(end.array());
		return out.toByteArray();
	}

	/** The entries as Commons Compress zips them by default (its own times and version fields). */
	static byte[] commonsCompressZip(List<Entry> entries) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(out)) {
			for (Entry e : entries) {
				ZipArchiveEntry entry = new ZipArchiveEntry(e.name());
				entry.setMethod(e.method());
				if (e.method() == ZipArchiveEntry.STORED) {
					CRC32 crc = new CRC32();
					crc.update(e.data());
					entry.setSize(e.data().length);
					entry.setCrc(crc.getValue());
				}
				zip.putArchiveEntry(entry);
				zip.write(e.data());
				zip.closeArchiveEntry();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	static byte[] flipBit(byte[] bytes, int offset) {
		byte[] copy = bytes.clone();
		copy[offset] ^= 0x01;
		return copy;
	}

	static InputStream stream(byte[] bytes) {
		return new ByteArrayInputStream(bytes);
	}

}
