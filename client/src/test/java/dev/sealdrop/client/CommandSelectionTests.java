package dev.sealdrop.client;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.sealdrop.client.net.RetryPolicy;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.OptionSpec;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run builds only the command its arguments name ({@link Main#commandLineFor}); these tests hold
 * that to behaving exactly like the command line with every command.
 */
class CommandSelectionTests {

	@TempDir
	Path dir;

	static List<String> soleCommands() {
		return SealdropCommand.COMMANDS.keySet().stream().filter((name) -> !Set.of("help", "completion").contains(name)).toList();
	}

	@Test
	void everyCommandIsListedUnderItsOwnName() {
		CommandLine all = Main.newCommandLine(io(), RetryPolicy.none());
		assertThat(all.getSubcommands().keySet()).containsExactlyElementsOf(SealdropCommand.COMMANDS.keySet());
		SealdropCommand.COMMANDS.forEach((name, type) -> assertThat(type.getAnnotation(Command.class).name()).isEqualTo(name));
	}

	@Test
	void theRootsOptionsBeforeACommandAreFlagsTheSelectionKnows() {
		List<OptionSpec> options = Main.newCommandLine(io(), RetryPolicy.none()).getCommandSpec().options();
		Set<String> names = options.stream().flatMap((option) -> Set.of(option.names()).stream()).collect(Collectors.toSet());
		assertThat(options).allSatisfy((option) -> assertThat(option.arity().max()).isZero());
		assertThat(names).containsAll(SealdropCommand.ROOT_FLAGS);
		// any other root option (help, version) must make a run build every command
		for (String name : names) {
			if (!SealdropCommand.ROOT_FLAGS.contains(name)) {
				assertThat(SealdropCommand.soleCommand(name, "upload")).as(name).isNull();
			}
		}
	}

	@Test
	void onlyACommandNamedFirstIsBuiltAlone() {
		assertThat(SealdropCommand.soleCommand("upload", "x")).isEqualTo(UploadCommand.class);
		assertThat(SealdropCommand.soleCommand("-v", "--quiet", "decrypt", "help")).isEqualTo(DecryptCommand.class);
		assertThat(SealdropCommand.soleCommand()).isNull();
		assertThat(SealdropCommand.soleCommand("help", "upload")).isNull();
		assertThat(SealdropCommand.soleCommand("completion", "bash")).isNull();
		assertThat(SealdropCommand.soleCommand("--help")).isNull();
		assertThat(SealdropCommand.soleCommand("-h", "upload")).isNull();
		assertThat(SealdropCommand.soleCommand("-vh", "upload")).isNull();
		assertThat(SealdropCommand.soleCommand("--version")).isNull();
		assertThat(SealdropCommand.soleCommand("uplaod")).isNull();
		assertThat(SealdropCommand.soleCommand("@args.txt")).isNull();
		assertThat(SealdropCommand.soleCommand("--", "upload")).isNull();
		assertThat(SealdropCommand.commandsFor("ls")).containsExactly(LsCommand.class);
		assertThat(SealdropCommand.commandsFor("help", "ls")).hasSize(SealdropCommand.COMMANDS.size());
	}

	@ParameterizedTest
	@MethodSource("soleCommands")
	void aCommandBuiltAloneAnswersAsAmongAll(String command) {
		for (List<String> args : List.of(List.of(command, "--help"), List.of("-q", command, "--no-such-option"),
				List.of(command, "--verbose", "--no-such-option", "x"))) {
			String[] argv = args.toArray(String[]::new);
			Run alone = run((io) -> Main.commandLineFor(io, RetryPolicy.none(), argv), argv);
			Run among = run((io) -> Main.newCommandLine(io, RetryPolicy.none()), argv);
			assertThat(alone).as(String.join(" ", args)).isEqualTo(among);
		}
		assertThat(Main.commandLineFor(io(), RetryPolicy.none(), command).getSubcommands()).containsOnlyKeys(command);
	}

	@Test
	void runsThatMayNeedEveryCommandGetThemAll() {
		for (String[] args : List.of(new String[0], new String[] { "--help" }, new String[] { "help", "upload" },
				new String[] { "uplaod" })) {
			assertThat(Main.commandLineFor(io(), RetryPolicy.none(), args).getSubcommands())
				.hasSameSizeAs(SealdropCommand.COMMANDS);
			Run selected = run((io) -> Main.commandLineFor(io, RetryPolicy.none(), args), args);
			Run all = run((io) -> Main.newCommandLine(io, RetryPolicy.none()), args);
			assertThat(selected).isEqualTo(all);
		}
	}

	private record Run(int exitCode, String out, String err) {
	}

	private Run run(Function<Io, CommandLine> commandLine, String... args) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		Io io = new Io(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(), new PrintWriter(out, true),
				new PrintWriter(err, true), Map.of(), this.dir, UserTerminal.none());
		int exitCode = commandLine.apply(io).execute(args);
		return new Run(exitCode, out.toString(), err.toString());
	}

	private Io io() {
		return new Io(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(), new PrintWriter(new StringWriter()),
				new PrintWriter(new StringWriter()), Map.of(), this.dir, UserTerminal.none());
	}

}
