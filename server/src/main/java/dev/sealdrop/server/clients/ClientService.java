package dev.sealdrop.server.clients;

import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;

import dev.sealdrop.format.InvalidKeyException;
import dev.sealdrop.format.Recipient;
import dev.sealdrop.server.audit.AuditAction;
import dev.sealdrop.server.audit.AuditLog;
import dev.sealdrop.server.problem.ApiException;
import dev.sealdrop.server.problem.ProblemType;
import dev.sealdrop.server.security.SealdropPrincipal;
import dev.sealdrop.server.system.UtcTimestamps;

/**
 * Registers, lists and revokes a user's client keys, and resolves the key a download is encrypted
 * to. Another user's client is reported as not found, so client ids cannot be probed.
 */
@Service
public class ClientService {

	/** Active clients per user; revoked ones do not count. */
	static final int MAX_ACTIVE_CLIENTS = 50;

	static final int MAX_NAME_LENGTH = 100;

	/** Generous for a P-384 SPKI PEM or JWK, small enough to refuse junk before parsing it. */
	static final int MAX_PUBLIC_KEY_LENGTH = 4096;

	private final ClientRepository repository;

	private final AuditLog audit;

	private final Object registering = new Object();

	ClientService(ClientRepository repository, AuditLog audit) {
		this.repository = repository;
		this.audit = audit;
	}

	RegisteredClient register(SealdropPrincipal me, String name, String publicKey) {
		String label = validName(name);
		Recipient recipient = parseKey(publicKey);
		String fingerprint = recipient.fingerprint().toString();
		RegisteredClient client = new RegisteredClient(UUID.randomUUID().toString(), me.userId(), label,
				recipient.toPem(), fingerprint, UtcTimestamps.now(), null);
		// Check and insert as one: a client's retry may arrive while its first attempt is still here,
		// and the table cannot say "unique among active rows" in every database. Registrations are rare.
		synchronized (this.registering) {
			if (this.repository.activeFingerprintExists(me.userId(), fingerprint)) {
				throw new ApiException(ProblemType.CONFLICT, "This public key is already registered as an active client.");
			}
			if (this.repository.countActive(me.userId()) >= MAX_ACTIVE_CLIENTS) {
				throw new ApiException(ProblemType.CONFLICT,
						"At most " + MAX_ACTIVE_CLIENTS + " active clients per user; revoke one first.");
			}
			this.repository.insert(client);
		}
		this.audit.success(me, AuditAction.CLIENT_REGISTER, "client:" + client.id(), fingerprint);
		return client;
	}

	List<RegisteredClient> list(SealdropPrincipal me) {
		return this.repository.findByUser(me.userId());
	}

	/** @throws ApiException not-found unless the client exists and belongs to the caller */
	public RegisteredClient get(SealdropPrincipal me, String clientId) {
		if (!isUuid(clientId)) {
			throw notFound();
		}
		return this.repository.findByIdAndUser(clientId, me.userId()).orElseThrow(ClientService::notFound);
	}

	/** Revokes the caller's client; revoking a revoked client again changes nothing. */
	void revoke(SealdropPrincipal me, String clientId) {
		RegisteredClient client = get(me, clientId);
		if (this.repository.revoke(client.id(), me.userId(), UtcTimestamps.now())) {
			this.audit.success(me, AuditAction.CLIENT_REVOKE, "client:" + client.id(), client.fingerprint());
		}
	}

	/**
	 * The key to encrypt a download to.
	 * @throws ApiException not-found for someone else's or an unknown client, forbidden for a revoked one
	 */
	public Recipient activeRecipient(SealdropPrincipal me, String clientId) {
		RegisteredClient client = get(me, clientId);
		if (client.revoked()) {
			throw new ApiException(ProblemType.FORBIDDEN,
					"Client " + client.id() + " is revoked and can no longer receive files; register a new client key.");
		}
		try {
			return Recipient.fromPem(client.publicKeyPem());
		}
		catch (InvalidKeyException ex) {
			// Stored keys were validated on registration; this means the row was tampered with.
			throw new IllegalStateException("Stored client key does not parse", ex);
		}
	}

	/**
	 * Refuses a key the caller revoked as a client (and has not registered again), so an ad-hoc
	 * download cannot hand a file to a key its owner withdrew.
	 * @throws ApiException forbidden
	 */
	public void refuseRevokedKey(SealdropPrincipal me, Recipient key) {
		if (this.repository.onlyRevokedWithFingerprint(me.userId(), key.fingerprint().toString())) {
			throw new ApiException(ProblemType.FORBIDDEN,
					"This key belongs to a client you revoked; it can no longer receive files.");
		}
	}

	/** Parses and validates a P-384 public key given as SPKI PEM or JWK. */
	public static Recipient parseKey(String publicKey) {
		if (publicKey == null || publicKey.isBlank()) {
			throw new ApiException(ProblemType.VALIDATION_FAILED, "publicKey is required (P-384 SPKI PEM or JWK).");
		}
		if (publicKey.length() > MAX_PUBLIC_KEY_LENGTH) {
			throw new ApiException(ProblemType.INVALID_KEY, "publicKey is too long for a P-384 public key.");
		}
		try {
			return Recipient.parse(publicKey);
		}
		catch (InvalidKeyException ex) {
			throw new ApiException(ProblemType.INVALID_KEY,
					"publicKey is not a valid P-384 public key (SPKI PEM or JWK): " + ex.getMessage(), ex);
		}
	}

	private static String validName(String name) {
		if (name == null || name.isBlank()) {
			throw new ApiException(ProblemType.VALIDATION_FAILED, "name is required.");
		}
		String trimmed = name.strip();
		if (trimmed.length() > MAX_NAME_LENGTH || trimmed.chars().anyMatch(Character::isISOControl)) {
			throw new ApiException(ProblemType.VALIDATION_FAILED,
					"name must be 1 to " + MAX_NAME_LENGTH + " characters without control characters.");
		}
		return trimmed;
	}

	static boolean isUuid(String text) {
		if (text == null || text.length() != 36) {
			return false;
		}
		try {
			return UUID.fromString(text).toString().equals(text.toLowerCase(java.util.Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private static ApiException notFound() {
		return new ApiException(ProblemType.NOT_FOUND, "No such client.");
	}

}
