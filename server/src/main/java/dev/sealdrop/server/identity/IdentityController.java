package dev.sealdrop.server.identity;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.sealdrop.format.trust.Certificates;
import dev.sealdrop.format.trust.ChallengeResponse;
import dev.sealdrop.format.trust.TrustException;
import dev.sealdrop.server.keys.ServerKeyRing;
import dev.sealdrop.server.problem.ApiException;
import dev.sealdrop.server.problem.ProblemType;

/**
 * Public endpoints of the signing identity: the CA certificate clients pin, and the challenge that
 * shows the server holds the signing key now (PROTOCOL.md).
 */
@RestController
@Tag(name = "server key", description = "The P-384 key clients encrypt uploads to")
class IdentityController {

	private final ServerIdentity identity;

	private final ServerKeyRing ring;

	private final Clock clock;

	private final ChallengeLimiter limiter;

	IdentityController(ServerIdentity identity, ServerKeyRing ring, IdentityProperties properties,
			ObjectProvider<Clock> clock) {
		this.identity = identity;
		this.ring = ring;
		this.clock = clock.getIfAvailable(Clock::systemUTC);
		this.limiter = new ChallengeLimiter(properties.challengesPerMinute(), properties.challengeBurst(), this.clock);
	}

	@GetMapping(path = "/api/v1/server-key/ca.pem", produces = { "application/x-pem-file", MediaType.TEXT_PLAIN_VALUE })
	@SecurityRequirements
	@Operation(summary = "The CA certificate that issues the server's signing certificate",
			description = "Compare its fingerprint (header X-Sealdrop-CA-Fingerprint, SHA-256 of its public key) "
					+ "out of band, then pin it: sealdrop verifies key statements and challenges against it.")
	@ApiResponse(responseCode = "200", content = {
			@Content(mediaType = "application/x-pem-file", schema = @Schema(type = "string")),
			@Content(mediaType = "text/plain", schema = @Schema(type = "string")) })
	ResponseEntity<String> caCertificate() {
		return ResponseEntity.ok()
			.cacheControl(CacheControl.noCache())
			.header("X-Sealdrop-CA-Fingerprint", Certificates.keyFingerprint(this.identity.caCertificate()).toString())
			.body(Certificates.toPem(this.identity.caCertificate()));
	}

	@PostMapping(path = "/api/v1/server-key/challenge", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	@SecurityRequirements
	@Operation(summary = "Sign a client nonce together with the current key's fingerprint and the time",
			description = "The signature (ECDSA P-384/SHA-384, base64 DER) is over the message PROTOCOL.md defines: "
					+ "sealdrop-challenge/1, nonce, fingerprint, signer, timestamp.")
	@ApiResponse(responseCode = "200", description = "The signed answer with the certificate chain")
	@ApiResponse(responseCode = "400", description = "validation-failed: nonce is not standard base64 of 16..64 bytes",
			content = @Content(mediaType = "application/problem+json"))
	@ApiResponse(responseCode = "429",
			description = "challenge-throttled: too many challenges from this address (sealdrop.identity.challenges-per-minute); "
					+ "Retry-After says when to ask again",
			content = @Content(mediaType = "application/problem+json"))
	ResponseEntity<ChallengeView> challenge(@RequestBody ChallengeRequest request, HttpServletRequest http) {
		// counted before the body is looked at: an invalid nonce costs no signature, but the limit is for the endpoint
		Optional<Duration> wait = this.limiter.acquire(http.getRemoteAddr());
		if (wait.isPresent()) {
			throw new ApiException(ProblemType.TOO_MANY_CHALLENGES,
					"Too many challenges from your address; ask again after the time in Retry-After.", Map.of(),
					wait.get(), null);
		}
		if (request == null || request.nonce() == null) {
			throw new ApiException(ProblemType.VALIDATION_FAILED, "nonce is required: standard base64 of "
					+ ChallengeResponse.MIN_NONCE_BYTES + " to " + ChallengeResponse.MAX_NONCE_BYTES + " random bytes.");
		}
		ChallengeResponse response;
		try {
			response = ChallengeResponse.sign(request.nonce(), this.ring.current().identity().fingerprint(),
					this.identity.signingCertificate(), this.identity.signingKey(), this.clock);
		}
		catch (TrustException ex) {
			throw new ApiException(ProblemType.VALIDATION_FAILED, "nonce must be standard base64 (with padding) of "
					+ ChallengeResponse.MIN_NONCE_BYTES + " to " + ChallengeResponse.MAX_NONCE_BYTES + " random bytes.");
		}
		return ResponseEntity.ok()
			.cacheControl(CacheControl.noStore())
			.body(new ChallengeView(response.nonce(), response.fingerprint(), response.timestamp(), response.signature(),
					this.identity.chainPem()));
	}

	/** Body of the challenge request. */
	record ChallengeRequest(@Schema(description = "standard base64 of 16 to 64 fresh random bytes") String nonce) {
	}

	/**
	 * The signed answer.
	 * @param nonce the client's nonce, echoed
	 * @param fingerprint the current encryption key's fingerprint
	 * @param timestamp the server's time, RFC 3339 UTC, whole seconds
	 * @param signature base64 of the DER signature
	 * @param certificateChain PEM certificates, signing certificate first
	 */
	record ChallengeView(String nonce, String fingerprint, String timestamp, String signature,
			List<String> certificateChain) {
	}

}
