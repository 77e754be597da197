package dev.sealdrop.format.trust;

import java.util.Objects;

/**
 * The server's authenticity could not be established. {@link #reason()} says which check failed, so
 * that a client can tell an attack or a misconfiguration (wrong CA, wrong key) from a clock problem
 * (expired, stale challenge). Messages name the failed check and never contain key material.
 */
public final class TrustException extends Exception {

	private static final long serialVersionUID = 1L;

	/** Which check failed. */
	public enum Reason {

		/** The certificate chain does not lead to the pinned anchor, or a certificate may not be used as it is. */
		UNTRUSTED_CHAIN,

		/** A certificate or the key statement is not valid at the verification time (expired or not yet valid). */
		EXPIRED,

		/** A signature (key statement or challenge response) does not verify. */
		BAD_SIGNATURE,

		/** The signed key statement or challenge response is for another encryption key than the one offered. */
		KEY_MISMATCH,

		/** The signed key statement says the key is retired: it may no longer be encrypted to. */
		RETIRED_KEY,

		/** The challenge response's timestamp is outside the allowed clock skew: a replay or a wrong clock. */
		STALE_CHALLENGE,

		/** The challenge response answers another nonce than the one the client sent. */
		NONCE_MISMATCH,

		/** An input is not in the exact form PROTOCOL.md prescribes. */
		MALFORMED

	}

	private final Reason reason;

	public TrustException(Reason reason, String message) {
		super(message);
		this.reason = Objects.requireNonNull(reason, "reason");
	}

	public TrustException(Reason reason, String message, Throwable cause) {
		super(message, cause);
		this.reason = Objects.requireNonNull(reason, "reason");
	}

	public Reason reason() {
		return this.reason;
	}

}
