package dev.sealdrop.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.Path;
import java.time.Duration;

import dev.sealdrop.client.config.ConfigException;
import dev.sealdrop.client.config.PinMismatchException;
import dev.sealdrop.client.config.ServerUrl;
import dev.sealdrop.client.net.ApiProblemException;
import dev.sealdrop.client.net.FatalTransferException;
import dev.sealdrop.format.trust.TrustException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServerErrorsTests {

	@ParameterizedTest
	@CsvSource({ "401, unauthorized, AUTHENTICATION_FAILED", "429, login-throttled, AUTHENTICATION_FAILED",
			"404, not-found, NOT_FOUND", "413, too-large, TOO_LARGE", "403, quota-exceeded, TOO_LARGE",
			"403, forbidden, REJECTED", "400, malformed-archive, REJECTED", "409, conflict, REJECTED",
			"422, retired-key, REJECTED", "500, internal-error, SERVER_UNREACHABLE" })
	void mapsEveryProblemToAnExitCode(int status, String type, ExitCode expected) {
		ErrorReporter.Report report = ErrorReporter.describe(new ApiProblemException(status, type, "Title", "detail", null));

		assertThat(report.exitCode()).isEqualTo(expected);
		assertThat(report.message()).contains(String.valueOf(status)).contains("detail");
	}

	@Test
	void tooLargeKeepsTheServersLimitInTheMessage() {
		ErrorReporter.Report report = ErrorReporter.describe(new ApiProblemException(413, "too-large",
				"Payload too large", "The upload exceeds the limit of 25165824 bytes.", null));

		assertThat(report.message()).contains("25165824 bytes");
		assertThat(report.hint()).isNotBlank();
	}

	@Test
	void throttledSignInsSayHowLongToWait() {
		ErrorReporter.Report report = ErrorReporter.describe(new ApiProblemException(429, "login-throttled",
				"Too many failed logins", null, Duration.ofSeconds(30)));

		assertThat(report.hint()).contains("30 s");
	}

	@Test
	void aFatalTransferKeepsItsMessageAndHintsAtTheServerWhenItCouldNotConnect() {
		ErrorReporter.Report report = ErrorReporter.describe(new FatalTransferException(
				"Fatal: GET /server-key failed after 4 attempts: could not connect", 4, new ConnectException("refused")));

		assertThat(report.exitCode()).isEqualTo(ExitCode.SERVER_UNREACHABLE);
		assertThat(report.message()).isEqualTo("Fatal: GET /server-key failed after 4 attempts: could not connect");
		assertThat(report.hint()).contains("is the server running");
	}

	@Test
	void aPinMismatchIsLoudAndShowsBothFingerprints() {
		String pinned = "sha256:" + "a".repeat(64);
		String presented = "sha256:" + "b".repeat(64);
		ErrorReporter.Report report = ErrorReporter.describe(
				new PinMismatchException(ServerUrl.parse("https://files.example.com"), "identity", pinned, presented));

		assertThat(report.exitCode()).isEqualTo(ExitCode.SERVER_NOT_TRUSTED);
		assertThat(report.message()).startsWith("SERVER IDENTITY CHANGED").contains(pinned).contains(presented);
		assertThat(report.hint()).contains("sealdrop server-key --trust");
	}

	@Test
	void aFailedIdentityCheckNamesTheReason() {
		ErrorReporter.Report report = ErrorReporter.describe(
				new TrustException(TrustException.Reason.BAD_SIGNATURE, "the key statement's signature does not verify"));

		assertThat(report.exitCode()).isEqualTo(ExitCode.SERVER_NOT_TRUSTED);
		assertThat(report.message()).contains("BAD_SIGNATURE").contains("does not verify");
	}

	@Test
	void anUnusableConfigFileIsAnIoErrorNamingTheFile() {
		ErrorReporter.Report report = ErrorReporter.describe(new ConfigException(Path.of("/x/config.json"), "not valid JSON"));

		assertThat(report.exitCode()).isEqualTo(ExitCode.IO_ERROR);
		assertThat(report.message()).isEqualTo("/x/config.json: not valid JSON");
	}

	@Test
	void aProblemWrappedWithAHintKeepsItsExitCode() {
		IOException problem = new ApiProblemException(404, "not-found", "Not found", null, null);

		ErrorReporter.Report report = ErrorReporter.describe(CommandException.withHint(problem, "other hint"));

		assertThat(report.exitCode()).isEqualTo(ExitCode.NOT_FOUND);
		assertThat(report.hint()).isEqualTo("other hint");
	}

}
