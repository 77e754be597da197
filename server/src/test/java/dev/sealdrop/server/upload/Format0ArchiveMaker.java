package dev.sealdrop.server.upload;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Test-only writer of format-0 archives (FORMAT.md §12), the original Python client's layout, with
 * nothing but JDK crypto so it is independent of the reader under test: ECDH P-384 with an
 * ephemeral key, HKDF-SHA256 (zero salt, empty info) to a KEK, AES-256-GCM key wrap, per-chunk
 * AES-256-GCM with random IVs; the ZIP made "by zipping a folder": top-level folder prefix,
 * directory entries, DEFLATED entries in shuffled order.
 */
public final class Format0ArchiveMaker {

	private static final SecureRandom RANDOM = new SecureRandom();

	private Format0ArchiveMaker() {
	}

	public static byte[] make(PublicKey recipient, String name, byte[] content, int chunkSize)
			throws IOException, GeneralSecurityException {
		byte[] fileKey = new byte[32];
		RANDOM.nextBytes(fileKey);
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp384r1"), RANDOM);
		KeyPair ephemeral = generator.generateKeyPair();
		KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
		agreement.init(ephemeral.getPrivate());
		agreement.doPhase(recipient, true);
		byte[] kek = hkdf(agreement.generateSecret(), new byte[32], new byte[0], 32);
		byte[] keyNonce = random(12);
		byte[] wrapped = gcm(kek, keyNonce, fileKey);

		Map<String, byte[]> entries = new LinkedHashMap<>();
		List<Map<String, Object>> chunks = new ArrayList<>();
		StringBuilder checksums = new StringBuilder();
		int total = Math.max(1, (content.length + chunkSize - 1) / chunkSize);
		for (int i = 0; i < total; i++) {
			byte[] plain = Arrays.copyOfRange(content, i * chunkSize, Math.min(content.length, (i + 1) * chunkSize));
			byte[] iv = random(12);
			byte[] sealed = gcm(fileKey, iv, plain);
			byte[] entry = new byte[12 + sealed.length];
			System.arraycopy(iv, 0, entry, 0, 12);
			System.arraycopy(sealed, 0, entry, 12, sealed.length);
			String checksum = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(plain));
			Map<String, Object> chunk = new LinkedHashMap<>();
			chunk.put("chunk_id", i + 1);
			chunk.put("encrypted_filename", "chunk_" + (i + 1) + ".enc");
			chunk.put("iv", Base64.getEncoder().encodeToString(iv));
			chunk.put("checksum", checksum);
			chunk.put("size", plain.length);
			chunks.add(chunk);
			checksums.append("chunk_").append(i + 1).append(": ").append(checksum).append('\n');
			entries.put("encrypted_output/chunks/chunk_" + (i + 1) + ".enc", entry);
		}
		String pem = "-----BEGIN PUBLIC KEY-----\n"
				+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
					.encodeToString(ephemeral.getPublic().getEncoded())
				+ "\n-----END PUBLIC KEY-----\n";
		String metadata = "{\"file_info\": {\"original_name\": " + json(name) + ", \"original_size\": " + content.length
				+ ", \"chunk_size\": " + chunkSize + ", \"total_chunks\": " + total
				+ ", \"encryption_algorithm\": \"AES-256-GCM\", \"key_encryption\": \"ECC-384-HKDF\"}, \"chunks\": "
				+ chunksJson(chunks) + ", \"keys\": {\"key_wrap_method\": \"ECC-384-HKDF\", \"encrypted_key\": "
				+ json(Base64.getEncoder().encodeToString(Arrays.copyOf(wrapped, 32))) + ", \"encrypted_nonce\": "
				+ json(Base64.getEncoder().encodeToString(keyNonce)) + ", \"encrypted_tag\": "
				+ json(Base64.getEncoder().encodeToString(Arrays.copyOfRange(wrapped, 32, 48)))
				+ ", \"ephemeral_public_key\": " + json(pem) + "}}";
		entries.put("encrypted_output/metadata.json", metadata.getBytes(StandardCharsets.UTF_8));
		entries.put("encrypted_output/checksums.txt", checksums.toString().getBytes(StandardCharsets.US_ASCII));

		List<String> names = new ArrayList<>(entries.keySet());
		Collections.shuffle(names, RANDOM);
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
			zip.setMethod(ZipOutputStream.DEFLATED);
			zip.putNextEntry(new ZipEntry("encrypted_output/"));
			zip.closeEntry();
			zip.putNextEntry(new ZipEntry("encrypted_output/chunks/"));
			zip.closeEntry();
			for (String entryName : names) {
				zip.putNextEntry(new ZipEntry(entryName));
				zip.write(entries.get(entryName));
				zip.closeEntry();
			}
		}
		return bytes.toByteArray();
	}

	private static String chunksJson(List<Map<String, Object>> chunks) {
		StringBuilder out = new StringBuilder("[");
		for (Map<String, Object> chunk : chunks) {
			if (out.length() > 1) {
				out.append(", ");
			}
			out.append('{');
			boolean first = true;
			for (Map.Entry<String, Object> e : chunk.entrySet()) {
				out.append(first ? "" : ", ").append(json(e.getKey())).append(": ");
				out.append(e.getValue() instanceof String s ? json(s) : e.getValue().toString());
				first = false;
			}
			out.append('}');
		}
		return out.append(']').toString();
	}

	private static String json(String s) {
		StringBuilder out = new StringBuilder("\"");
		for (char c : s.toCharArray()) {
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\n' -> out.append("\\n");
				default -> {
					if (c < 0x20) {
						out.append(String.format("\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		return out.append('"').toString();
	}

	private static byte[] gcm(byte[] key, byte[] nonce, byte[] plain) throws GeneralSecurityException {
		Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
		cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
		return cipher.doFinal(plain);
	}

	/** RFC 5869 with HMAC-SHA256. */
	static byte[] hkdf(byte[] ikm, byte[] salt, byte[] info, int length) throws GeneralSecurityException {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(salt, "HmacSHA256"));
		byte[] prk = mac.doFinal(ikm);
		mac.init(new SecretKeySpec(prk, "HmacSHA256"));
		byte[] out = new byte[length];
		byte[] t = new byte[0];
		int pos = 0;
		for (int i = 1; pos < length; i++) {
			mac.update(t);
			mac.update(info);
			mac.update((byte) i);
			t = mac.doFinal();
			int n = Math.min(t.length, length - pos);
			System.arraycopy(t, 0, out, pos, n);
			pos += n;
		}
		return out;
	}

	private static byte[] random(int n) {
		byte[] b = new byte[n];
		RANDOM.nextBytes(b);
		return b;
	}

}
