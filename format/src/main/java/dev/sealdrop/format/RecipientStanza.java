package dev.sealdrop.format;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One recipient stanza (FORMAT.md §5.1): a file key wrapped for one public key. It holds no secret
 * (only the recipient's private key opens it), so a server that serves one stored file to the same key
 * again and again can keep the stanza and pass it to {@link ArchiveWriter#create(java.io.OutputStream,
 * PayloadHeader, long, long, java.util.List, java.util.List)}: every archive for that pair is then the same bytes,
 * which HTTP range requests and strong ETags need.
 * <p>
 * {@link #encode()} gives a one-line storage form, {@code sealdrop-stanza/1 <fingerprint> <base64
 * encrypted_key> <base64 enc>}; {@link #decode} accepts exactly that and validates it as a reader
 * validates a stanza (lengths, canonical base64, the ephemeral key a valid P-384 point).
 */
public final class RecipientStanza {

	private static final String PREFIX = "sealdrop-stanza/1";

	private static final Pattern TEXT = Pattern
		.compile(Pattern.quote(PREFIX) + " (sha256:[0-9a-f]{64}) ([A-Za-z0-9+/=]{64}) ([A-Za-z0-9+/=]{132})");

	private final WrappedKey key;

	private RecipientStanza(WrappedKey key) {
		this.key = key;
	}

	/** Wraps {@code key} for {@code to} with fresh HPKE randomness. */
	public static RecipientStanza wrap(FileKey key, Recipient to) {
		return new RecipientStanza(HpkeKeyWrap.wrap(Objects.requireNonNull(key, "key"), Objects.requireNonNull(to, "to")));
	}

	/**
	 * Parses the {@link #encode()} form.
	 * @throws MalformedArchiveException if it is not exactly that form or a value is not valid
	 */
	public static RecipientStanza decode(String text) throws MalformedArchiveException {
		Matcher matcher = TEXT.matcher((text != null) ? text : "");
		if (!matcher.matches()) {
			throw new MalformedArchiveException("stored stanza: not in the sealdrop-stanza/1 form");
		}
		byte[] enc;
		try {
			enc = Base64Strict.decode(matcher.group(3));
		}
		catch (IllegalArgumentException ex) {
			throw new MalformedArchiveException("stored stanza: enc is " + ex.getMessage());
		}
		if (enc.length != WrappedKey.ENC_LENGTH) {
			throw new MalformedArchiveException("stored stanza: enc is not a 97-byte point");
		}
		// The same checks as a stanza read from an archive.
		Stanza stanza = new Stanza(Stanza.HPKE, matcher.group(1), matcher.group(2), Stanza.pem(enc));
		return new RecipientStanza(stanza.toWrappedKey("stored stanza"));
	}

	/** The one-line storage form. */
	public String encode() {
		return PREFIX + " " + this.key.recipient() + " " + Base64Strict.encode(this.key.encryptedKey()) + " "
				+ Base64Strict.encode(this.key.enc());
	}

	/** Whose key this stanza is for. */
	public Fingerprint recipient() {
		return this.key.recipient();
	}

	Stanza stanza() {
		return Stanza.of(this.key);
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof RecipientStanza that && this.key.equals(that.key);
	}

	@Override
	public int hashCode() {
		return this.key.hashCode();
	}

	@Override
	public String toString() {
		return "RecipientStanza[" + this.key.recipient() + "]";
	}

}
