package dev.sealdrop.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.util.List;

import dev.sealdrop.format.IntegrityException;
import dev.sealdrop.format.InvalidKeyException;
import dev.sealdrop.format.MalformedArchiveException;
import dev.sealdrop.format.NoMatchingKeyException;
import dev.sealdrop.format.SealdropException;
import dev.sealdrop.format.UnsupportedFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ErrorReporterTests {

	@ParameterizedTest
	@EnumSource(SealdropException.Kind.class)
	void mapsEveryFormatErrorKindToItsOwnExitCode(SealdropException.Kind kind) {
		assertThat(ExitCode.of(kind).name()).isEqualTo(kind.name());
	}

	@Test
	void exitCodesAreDistinct() {
		assertThat(List.of(ExitCode.values()).stream().map(ExitCode::code).distinct()).hasSize(ExitCode.values().length);
	}

	@Test
	void integrityFailureSaysWhatItMeans() {
		ErrorReporter.Report report = ErrorReporter.describe(new IntegrityException("chunk 3: authentication failed"));

		assertThat(report.exitCode()).isEqualTo(ExitCode.INTEGRITY_FAILURE);
		assertThat(report.message())
			.isEqualTo("chunk 3: authentication failed (the archive was modified, truncated or damaged)");
	}

	@Test
	void noMatchingKeyHintListsTheArchivesRecipients() {
		ErrorReporter.Report report = ErrorReporter.describe(new NoMatchingKeyException("no stanza for the given keys",
				List.of("sha256:" + "a".repeat(64), "sha256:" + "b".repeat(64))));

		assertThat(report.exitCode()).isEqualTo(ExitCode.NO_MATCHING_KEY);
		assertThat(report.hint()).contains("sha256:aaaa").contains("sha256:bbbb").contains("-i");
	}

	@Test
	void otherFormatErrorsKeepTheirMessages() {
		assertThat(ErrorReporter.describe(new MalformedArchiveException("entry 2: expected chunks/chunk_1.enc")))
			.extracting(ErrorReporter.Report::exitCode, ErrorReporter.Report::message)
			.containsExactly(ExitCode.MALFORMED_ARCHIVE, "entry 2: expected chunks/chunk_1.enc");
		assertThat(ErrorReporter.describe(new UnsupportedFormatException("format_version 2")).exitCode())
			.isEqualTo(ExitCode.UNSUPPORTED_FORMAT);
		assertThat(ErrorReporter.describe(new InvalidKeyException("not on P-384")).exitCode())
			.isEqualTo(ExitCode.INVALID_KEY);
	}

	@Test
	void fileErrorsNameTheFile() {
		assertThat(ErrorReporter.describe(new NoSuchFileException("in.txt")).message())
			.isEqualTo("in.txt: no such file or directory");
		assertThat(ErrorReporter.describe(new AccessDeniedException("/root/x")).message())
			.isEqualTo("/root/x: permission denied");
		ErrorReporter.Report exists = ErrorReporter.describe(new FileAlreadyExistsException("out.bin"));
		assertThat(exists.exitCode()).isEqualTo(ExitCode.OUTPUT_EXISTS);
		assertThat(exists.hint()).contains("--force");
	}

	@Test
	void otherIoErrorsAreIoErrors() {
		assertThat(ErrorReporter.describe(new IOException("No space left on device")))
			.extracting(ErrorReporter.Report::exitCode, ErrorReporter.Report::message)
			.containsExactly(ExitCode.IO_ERROR, "No space left on device");
	}

	@Test
	void unwrapsUncheckedIoExceptions() {
		assertThat(ErrorReporter.describe(new UncheckedIOException(new IntegrityException("digest mismatch")))
			.exitCode()).isEqualTo(ExitCode.INTEGRITY_FAILURE);
	}

	@Test
	void interruptionIsInterrupted() {
		assertThat(ErrorReporter.describe(new InterruptedIOException()).exitCode()).isEqualTo(ExitCode.INTERRUPTED);
	}

	@Test
	void bugsAreGenericErrorsWithAHintToReport() {
		ErrorReporter.Report report = ErrorReporter.describe(new IllegalStateException());

		assertThat(report.exitCode()).isEqualTo(ExitCode.GENERIC_ERROR);
		assertThat(report.message()).isEqualTo("internal error: IllegalStateException");
		assertThat(report.hint()).contains("--verbose");
	}

	@Test
	void aReplacedHintKeepsTheCausesExitCodeAndMessage() {
		ErrorReporter.Report report = ErrorReporter
			.describe(CommandException.withHint(new IntegrityException("chunk 2: authentication failed"), "discard it"));

		assertThat(report.exitCode()).isEqualTo(ExitCode.INTEGRITY_FAILURE);
		assertThat(report.message()).startsWith("chunk 2: authentication failed");
		assertThat(report.hint()).isEqualTo("discard it");
	}

}
