package dev.sealdrop.client;

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

import tools.jackson.databind.json.JsonMapper;

/**
 * Writes archives in the original layout (FORMAT.md §12) the way the Python client did: a zipped
 * folder, DEFLATED, with directory entries. Only the JDK's crypto is used, so this is an independent
 * check of the format library's format-0 reader.
 */
final class Format0Writer {

	private static final SecureRandom random = new SecureRandom();

	private Format0Writer() {
	}

	static byte[] write(PublicKey recipient, String originalName, byte[] plaintext, int chunkSize)
			throws IOException, GeneralSecurityException {
		byte[] fileKey = new byte[32];
		random.nextBytes(fileKey);
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp384r1"));
		KeyPair ephemeral = generator.generateKeyPair();
		KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
		agreement.init(ephemeral.getPrivate());
		agreement.doPhase(recipient, true);
		byte[] kek = hkdfSha256(agreement.generateSecret(), new byte[32], new byte[0], 32);
		byte[] keyNonce = randomBytes(12);
		byte[] wrapped = gcm(kek, keyNonce, fileKey);

		Map<String, byte[]> chunkFiles = new LinkedHashMap<>();
		List<Map<String, Object>> chunks = new ArrayList<>();
		int total = Math.max(1, (plaintext.length + chunkSize - 1) / chunkSize);
		for (int i = 0; i < total; i++) {
			byte[] chunk = Arrays.copyOfRange(plaintext, i * chunkSize, Math.min(plaintext.length, (i + 1) * chunkSize));
			byte[] iv = randomBytes(12);
			byte[] sealed = gcm(fileKey, iv, chunk);
			byte[] file = new byte[12 + sealed.length];
			System.arraycopy(iv, 0, file, 0, 12);
			System.arraycopy(sealed, 0, file, 12, sealed.length);
			String fileName = "chunk_" + (i + 1) + ".enc";
			chunkFiles.put(fileName, file);
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("chunk_id", i + 1);
			entry.put("encrypted_filename", fileName);
			entry.put("iv", Base64.getEncoder().encodeToString(iv));
			entry.put("checksum", sha256Hex(chunk));
			entry.put("size", chunk.length);
			chunks.add(entry);
		}

		Map<String, Object> fileInfo = new LinkedHashMap<>();
		fileInfo.put("original_name", originalName);
		fileInfo.put("original_size", plaintext.length);
		fileInfo.put("chunk_size", chunkSize);
		fileInfo.put("total_chunks", total);
		fileInfo.put("encryption_algorithm", "AES-256-GCM");
		fileInfo.put("key_encryption", "ECC-384-HKDF");
		Map<String, Object> keys = new LinkedHashMap<>();
		keys.put("key_wrap_method", "ECC-384-HKDF");
		keys.put("encrypted_key", Base64.getEncoder().encodeToString(Arrays.copyOf(wrapped, 32)));
		keys.put("encrypted_nonce", Base64.getEncoder().encodeToString(keyNonce));
		keys.put("encrypted_tag", Base64.getEncoder().encodeToString(Arrays.copyOfRange(wrapped, 32, 48)));
		keys.put("ephemeral_public_key", pem(ephemeral.getPublic().getEncoded()));
		Map<String, Object> metadata = new LinkedHashMap<>();
		metadata.put("file_info", fileInfo);
		metadata.put("chunks", chunks);
		metadata.put("keys", keys);

		StringBuilder checksums = new StringBuilder();
		for (Map<String, Object> chunk : chunks) {
			checksums.append("chunk_").append(chunk.get("chunk_id")).append(": ").append(chunk.get("checksum")).append('\n');
		}

		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
			String folder = "upload_0001/";
			zip.putNextEntry(new ZipEntry(folder));
			zip.closeEntry();
			zip.putNextEntry(new ZipEntry(folder + "chunks/"));
			zip.closeEntry();
			for (Map.Entry<String, byte[]> chunk : chunkFiles.entrySet()) {
				zip.putNextEntry(new ZipEntry(folder + "chunks/" + chunk.getKey()));
				zip.write(chunk.getValue());
				zip.closeEntry();
			}
			zip.putNextEntry(new ZipEntry(folder + "checksums.txt"));
			zip.write(checksums.toString().getBytes(StandardCharsets.UTF_8));
			zip.closeEntry();
			zip.putNextEntry(new ZipEntry(folder + "metadata.json"));
			zip.write(JsonMapper.builder().build().writeValueAsBytes(metadata));
			zip.closeEntry();
		}
		return bytes.toByteArray();
	}

	private static byte[] gcm(byte[] key, byte[] nonce, byte[] plaintext) throws GeneralSecurityException {
		Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
		cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
		return cipher.doFinal(plaintext);
	}

	private static byte[] hkdfSha256(byte[] ikm, byte[] salt, byte[] info, int length) throws GeneralSecurityException {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(salt, "HmacSHA256"));
		byte[] prk = mac.doFinal(ikm);
		mac.init(new SecretKeySpec(prk, "HmacSHA256"));
		mac.update(info);
		mac.update((byte) 1);
		return Arrays.copyOf(mac.doFinal(), length);
	}

	private static String pem(byte[] spki) {
		String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(spki);
		return "-----BEGIN PUBLIC KEY-----\n" + base64 + "\n-----END PUBLIC KEY-----\n";
	}

	private static String sha256Hex(byte[] data) throws GeneralSecurityException {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
	}

	private static byte[] randomBytes(int length) {
		byte[] bytes = new byte[length];
		random.nextBytes(bytes);
		return bytes;
	}

}
