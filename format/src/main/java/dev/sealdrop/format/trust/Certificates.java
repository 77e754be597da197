package dev.sealdrop.format.trust;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import dev.sealdrop.format.Fingerprint;

/**
 * PEM for X.509 certificates and chains ({@code -----BEGIN CERTIFICATE-----}, RFC 7468), and the
 * key fingerprint clients pin. A chain is written leaf first, each certificate followed by the one
 * that issued it. Parsing is strict: only CERTIFICATE blocks separated by line breaks, base64 lines
 * of at most 64 characters (the RFC 7468 "strict" form), canonical base64, DER with no trailing
 * bytes.
 */
public final class Certificates {

	/** Most certificates accepted in one chain. */
	public static final int MAX_CHAIN_LENGTH = 8;

	/** Longest PEM text accepted. */
	public static final int MAX_PEM_LENGTH = 64 * 1024;

	private static final String BEGIN = "-----BEGIN CERTIFICATE-----";

	private static final String END = "-----END CERTIFICATE-----";

	private static final int LINE = 64;

	private Certificates() {
	}

	/**
	 * The fingerprint of a certificate's public key: SHA-256 of its SubjectPublicKeyInfo DER
	 * (FORMAT.md §3.2 form for P-384 keys). This, not a hash of the whole certificate, is what a
	 * client pins, so the pin survives re-issuing a certificate for the same key.
	 */
	public static Fingerprint keyFingerprint(X509Certificate certificate) {
		return Fingerprint.of(certificate.getPublicKey().getEncoded());
	}

	/** One certificate in PEM, LF line endings, 64-character lines. */
	public static String toPem(X509Certificate certificate) {
		return toPem(List.of(certificate));
	}

	/** A chain in PEM, in the order given (leaf first). */
	public static String toPem(List<X509Certificate> chain) {
		StringBuilder out = new StringBuilder();
		Base64.Encoder encoder = Base64.getMimeEncoder(LINE, new byte[] { '\n' });
		for (X509Certificate certificate : chain) {
			try {
				out.append(BEGIN).append('\n');
				out.append(encoder.encodeToString(certificate.getEncoded())).append('\n');
				out.append(END).append('\n');
			}
			catch (CertificateEncodingException ex) {
				throw new IllegalArgumentException("certificate cannot be encoded", ex);
			}
		}
		return out.toString();
	}

	/**
	 * Parses one or more PEM certificates, in order. LF and CRLF line endings are accepted, and empty
	 * lines between blocks; nothing else outside the blocks.
	 * @throws TrustException MALFORMED for anything else, an empty text, or more than
	 * {@link #MAX_CHAIN_LENGTH} certificates
	 */
	public static List<X509Certificate> parsePem(String pem) throws TrustException {
		if (pem == null || pem.isEmpty()) {
			throw Text.malformed("no certificate");
		}
		if (pem.length() > MAX_PEM_LENGTH) {
			throw Text.malformed("certificate PEM is longer than " + MAX_PEM_LENGTH + " characters");
		}
		String text = pem.replace("\r\n", "\n");
		if (!text.endsWith("\n")) {
			text = text + "\n";
		}
		String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
		List<X509Certificate> chain = new ArrayList<>();
		StringBuilder body = null;
		for (String line : lines) {
			if (body == null) {
				if (line.equals(BEGIN)) {
					if (chain.size() == MAX_CHAIN_LENGTH) {
						throw Text.malformed("more than " + MAX_CHAIN_LENGTH + " certificates");
					}
					body = new StringBuilder();
				}
				else if (!line.isEmpty()) {
					throw Text.malformed("text outside a CERTIFICATE block");
				}
			}
			else if (line.equals(END)) {
				chain.add(parseDer(Text.parseBase64(body.toString(), "certificate")));
				body = null;
			}
			else if (line.isEmpty() || line.length() > LINE) {
				throw Text.malformed("certificate PEM line is empty or longer than " + LINE + " characters");
			}
			else {
				body.append(line);
			}
		}
		if (body != null) {
			throw Text.malformed("CERTIFICATE block without an END line");
		}
		if (chain.isEmpty()) {
			throw Text.malformed("no certificate");
		}
		return List.copyOf(chain);
	}

	/**
	 * Parses one DER certificate.
	 * @throws TrustException MALFORMED if it is not exactly one X.509 certificate
	 */
	public static X509Certificate parseDer(byte[] der) throws TrustException {
		try {
			CertificateFactory factory = CertificateFactory.getInstance("X.509");
			X509Certificate certificate = (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der));
			// The factory stops after the first certificate; bytes after it would go unnoticed.
			if (certificate.getEncoded().length != der.length) {
				throw Text.malformed("bytes after the certificate");
			}
			return certificate;
		}
		catch (CertificateException | ClassCastException ex) {
			throw new TrustException(TrustException.Reason.MALFORMED, "not an X.509 certificate", ex);
		}
	}

}
