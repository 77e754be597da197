package dev.sealdrop.server.keys;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code sealdrop.server-key.*}: where the server's P-384 key comes from and how long a retired key
 * keeps opening uploads. With neither {@code pem-file} nor {@code pkcs12-file} set, the server
 * generates its key on first start under {@code ${sealdrop.data-dir}/keys/} and can rotate it; a
 * configured key is managed outside the server (rotate by replacing the file and restarting).
 *
 * @param pemFile a PKCS#8, encrypted PKCS#8 or SEC1 PEM private key file
 * @param pemPassphrase passphrase of an encrypted PEM file; never logged
 * @param pkcs12File a PKCS#12 key store
 * @param pkcs12Password its password (store and key); never logged
 * @param pkcs12Alias the key entry; may be omitted when the store holds exactly one key
 * @param retiredGrace how long after a rotation the previous key still opens uploads made for it
 */
@Validated
@ConfigurationProperties("sealdrop.server-key")
public record ServerKeyProperties(Path pemFile, String pemPassphrase, Path pkcs12File, String pkcs12Password,
		String pkcs12Alias, @DefaultValue("P30D") Duration retiredGrace) {

	public ServerKeyProperties {
		// application.yml maps unset environment variables to empty strings
		pemPassphrase = blankToNull(pemPassphrase);
		pkcs12Password = blankToNull(pkcs12Password);
		pkcs12Alias = blankToNull(pkcs12Alias);
		if (pemFile != null && pkcs12File != null) {
			throw new IllegalArgumentException(
					"set either sealdrop.server-key.pem-file or sealdrop.server-key.pkcs12-file, not both");
		}
		if (retiredGrace == null || retiredGrace.isNegative()) {
			throw new IllegalArgumentException("sealdrop.server-key.retired-grace must be zero or positive");
		}
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

	/** Whether the key is configured (and so managed) outside the server. */
	boolean configured() {
		return this.pemFile != null || this.pkcs12File != null;
	}

	@Override
	public String toString() {
		return "ServerKeyProperties[pemFile=" + this.pemFile + ", pkcs12File=" + this.pkcs12File + ", pkcs12Alias="
				+ this.pkcs12Alias + ", retiredGrace=" + this.retiredGrace + "]";
	}

}
