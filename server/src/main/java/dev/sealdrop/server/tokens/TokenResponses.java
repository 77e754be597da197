package dev.sealdrop.server.tokens;

import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Request and response bodies of {@code /api/v1/tokens}. */
final class TokenResponses {

	private TokenResponses() {
	}

	@Schema(name = "CreateToken")
	record CreateTokenRequest(@Schema(description = "What the token is for, 1-64 printable characters",
			example = "laptop backup job") @NotBlank @Size(max = 64) @Pattern(regexp = "^[^\\p{Cntrl}]*$",
					message = "must not contain control characters") String name) {
	}

	@Schema(name = "CreatedToken", description = "The token secret is shown only in this response.")
	record CreatedTokenResponse(String id, String name,
			@Schema(description = "The bearer secret: send as 'Authorization: Bearer <token>'. Shown only once.",
					example = "sdt_3q2-7wAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA") String token,
			Instant createdAt) {

		@Override
		public String toString() {
			return "CreatedTokenResponse[id=" + this.id + ", name=" + this.name + "]";
		}

	}

	@Schema(name = "Token", description = "A token's metadata; the secret is never shown again.")
	record TokenResponse(String id, String name, Instant createdAt,
			@Schema(description = "Last use, accurate to sealdrop.tokens.last-used-granularity; null if never used") Instant lastUsedAt) {

		static TokenResponse of(ApiToken token) {
			return new TokenResponse(token.id(), token.name(), token.createdAt(), token.lastUsedAt());
		}

	}

}
