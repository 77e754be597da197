package dev.sealdrop.format.trust;

import java.security.PublicKey;
import java.util.Objects;

import dev.sealdrop.format.trust.TrustException.Reason;

/**
 * A key statement as it travels: the canonical statement text and the server's signature over its
 * bytes, DER-encoded ECDSA P-384/SHA-384 in standard base64. The JSON form the server publishes is
 * {@code {"statement": "...", "signature": "..."}}. Nothing here is trusted until
 * {@link ServerTrustVerifier} has checked it.
 *
 * @param statement the canonical statement text (PROTOCOL.md, "Key statement")
 * @param signature base64 of the DER signature
 */
public record SignedKeyStatement(String statement, String signature) {

	public SignedKeyStatement {
		Objects.requireNonNull(statement, "statement");
		Objects.requireNonNull(signature, "signature");
	}

	/**
	 * Checks the signature with {@code signer}, then parses the statement. The signature is checked
	 * first, so that any change to the text reports BAD_SIGNATURE, whatever it changed.
	 * @throws TrustException MALFORMED (not the canonical forms), BAD_SIGNATURE
	 */
	KeyStatement verify(PublicKey signer) throws TrustException {
		if (this.statement.length() > KeyStatement.MAX_LENGTH) {
			throw Text.malformed("statement is longer than " + KeyStatement.MAX_LENGTH + " characters");
		}
		byte[] der = Text.parseBase64(this.signature, "statement signature");
		if (!Signatures.verifyDer(signer, Text.bytes(this.statement), der)) {
			throw new TrustException(Reason.BAD_SIGNATURE, "the key statement's signature does not verify with the signing certificate's key");
		}
		return KeyStatement.parse(this.statement);
	}

}
