package dev.sealdrop.server.identity;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code sealdrop.identity.*}: where the signing identity comes from.
 *
 * @param certificateChainFile operator-provided PEM chain, signing certificate first; with
 * {@code privateKeyFile}. Unset: a local CA is generated under the data directory.
 * @param privateKeyFile the signing certificate's P-384 private key (PKCS#8, encrypted PKCS#8 or
 * SEC1 PEM)
 * @param privateKeyPassphrase passphrase of an encrypted {@code privateKeyFile}, or unset
 * @param caName subject CN of a generated local CA
 * @param signerName subject CN of a generated signing certificate
 * @param signingValidity how long a generated signing certificate is valid
 * @param renewBefore a generated signing certificate closer than this to its end is re-issued at start
 * @param statementValidity how long a key statement for the current key is valid from the time it is
 * served (clients refuse expired statements, so a replayed old one dies)
 * @param challengesPerMinute answers to {@code POST /api/v1/server-key/challenge} per client address
 * and minute after the burst (each costs a signature); 0 for no limit
 * @param challengeBurst answers a client address may get at once
 */
@ConfigurationProperties("sealdrop.identity")
@Validated
public record IdentityProperties(Path certificateChainFile, Path privateKeyFile, String privateKeyPassphrase,
		@NotBlank @Size(max = 64) @DefaultValue("sealdrop local CA") String caName,
		@NotBlank @Size(max = 64) @DefaultValue("sealdrop server") String signerName,
		@NotNull @DefaultValue("365d") Duration signingValidity, @NotNull @DefaultValue("30d") Duration renewBefore,
		@NotNull @DefaultValue("7d") Duration statementValidity,
		@Min(0) @Max(60_000) @DefaultValue("600") int challengesPerMinute,
		@Min(1) @Max(10_000) @DefaultValue("100") int challengeBurst) {

	public IdentityProperties {
		if ((certificateChainFile == null) != (privateKeyFile == null)) {
			throw new IllegalArgumentException("sealdrop.identity.certificate-chain-file and "
					+ "sealdrop.identity.private-key-file must be set together (or neither, for a local CA)");
		}
		if (signingValidity != null && (signingValidity.isNegative() || signingValidity.isZero())) {
			throw new IllegalArgumentException("sealdrop.identity.signing-validity must be positive");
		}
		if (statementValidity != null && statementValidity.compareTo(Duration.ofMinutes(1)) < 0) {
			throw new IllegalArgumentException("sealdrop.identity.statement-validity must be at least one minute");
		}
	}

	boolean configured() {
		return this.certificateChainFile != null;
	}

	/** Never prints the passphrase. */
	@Override
	public String toString() {
		return "IdentityProperties[certificateChainFile=" + this.certificateChainFile + ", privateKeyFile="
				+ this.privateKeyFile + ", caName=" + this.caName + ", signerName=" + this.signerName + "]";
	}

}
