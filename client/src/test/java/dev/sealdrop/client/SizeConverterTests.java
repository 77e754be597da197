package dev.sealdrop.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

class SizeConverterTests {

	@ParameterizedTest
	@CsvSource({ "65536, 65536", "64KiB, 65536", "64k, 65536", "64 KB, 65536", "1MiB, 1048576", "1m, 1048576",
			"16MiB, 16777216", "16777216, 16777216" })
	void acceptsBytesAndBinaryUnits(String text, int expected) {
		assertThat(new SizeConverter().convert(text)).isEqualTo(expected);
	}

	@ParameterizedTest
	@ValueSource(strings = { "65535", "63KiB", "17MiB", "16777217", "0", "1GiB", "-1", "1.5MiB", "", "MiB", "64KiBx",
			"99999999999" })
	void rejectsSizesOutsideTheFormatsLimitsAndGarbage(String text) {
		assertThatExceptionOfType(TypeConversionException.class).isThrownBy(() -> new SizeConverter().convert(text));
	}

}
