package dev.sealdrop.client;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Parses a chunk size: bytes, or a number with a binary unit ({@code 64KiB}, {@code 1MiB}; {@code K}
 * and {@code M} mean the same), checked against FORMAT.md §10 (64 KiB to 16 MiB).
 */
final class SizeConverter implements ITypeConverter<Integer> {

	static final int MIN = 64 << 10;

	static final int MAX = 16 << 20;

	private static final Pattern SIZE = Pattern.compile("(\\d{1,9})\\s*(|b|k|kb|kib|m|mb|mib)");

	@Override
	public Integer convert(String value) {
		Matcher matcher = SIZE.matcher(value.trim().toLowerCase(Locale.ROOT));
		if (!matcher.matches()) {
			throw new TypeConversionException("'" + value + "' is not a size (examples: 65536, 64KiB, 1MiB)");
		}
		long number = Long.parseLong(matcher.group(1));
		long size = switch (matcher.group(2)) {
			case "k", "kb", "kib" -> number << 10;
			case "m", "mb", "mib" -> number << 20;
			default -> number;
		};
		if (size < MIN || size > MAX) {
			throw new TypeConversionException("'" + value + "' is out of range: the chunk size is 64KiB to 16MiB");
		}
		return (int) size;
	}

}
