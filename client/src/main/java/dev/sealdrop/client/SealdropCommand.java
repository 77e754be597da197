package dev.sealdrop.client;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

import dev.sealdrop.client.net.RetryPolicy;

import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The root command: holds what all commands share (the {@link Io} and the verbosity level) and
 * lists the commands. New commands are added to {@link #COMMANDS} and extend {@link BaseCommand}.
 */
@Command(name = "sealdrop", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
		synopsisSubcommandLabel = "COMMAND",
		description = { "Encrypt files for P-384 public keys into chunked, authenticated archives; decrypt, verify and inspect them (offline), or send them through a sealdrop server, encrypted end to end.",
				"" },
		commandListHeading = "%nCommands:%n",
		exitCodeListHeading = "%nExit codes:%n",
		footerHeading = "%nExamples:%n",
		footer = { "  Make a key pair, send sealdrop-key.pub.pem to whoever sends you files:",
				"    sealdrop keygen --passphrase",
				"  Encrypt a file for Alice and for yourself (writes report.pdf.zip):",
				"    sealdrop encrypt -r alice.pub.pem -r sealdrop-key.pub.pem report.pdf",
				"  Decrypt it (writes report.pdf into the current directory):",
				"    sealdrop decrypt -i sealdrop-key.pem report.pdf.zip",
				"  Look at an archive without a key:", "    sealdrop inspect report.pdf.zip",
				"  With a server (login pins it on first use; register this computer once):",
				"    sealdrop login --server https://files.example.com --user alice",
				"    sealdrop register", "    sealdrop upload report.pdf            # prints the file's ID",
				"    sealdrop download ID", "    sealdrop share ID bob",
				"", "Passphrases are asked on the terminal, or taken from SEALDROP_PASSPHRASE; server passwords from SEALDROP_PASSWORD.",
				"Run 'sealdrop COMMAND --help' for the options of a command." })
final class SealdropCommand implements Callable<Integer> {

	/**
	 * The commands by name, in the order the help lists them. Not in {@code @Command(subcommands)}:
	 * picocli builds the model of every listed command (reflection over all their annotations; a run
	 * started 0.04-0.05 s sooner without it, docs/BENCHMARKS.md), and a run needs one
	 * ({@link #soleCommand}).
	 */
	static final Map<String, Class<?>> COMMANDS = commands(Map.entry("keygen", KeygenCommand.class),
			Map.entry("encrypt", EncryptCommand.class), Map.entry("decrypt", DecryptCommand.class),
			Map.entry("inspect", InspectCommand.class), Map.entry("login", LoginCommand.class),
			Map.entry("logout", LogoutCommand.class), Map.entry("register", RegisterCommand.class),
			Map.entry("server-key", ServerKeyCommand.class), Map.entry("upload", UploadCommand.class),
			Map.entry("download", DownloadCommand.class), Map.entry("ls", LsCommand.class),
			Map.entry("info", InfoCommand.class), Map.entry("rm", RmCommand.class), Map.entry("share", ShareCommand.class),
			Map.entry("clients", ClientsCommand.class), Map.entry("completion", CompletionCommand.class),
			Map.entry("help", HelpCommand.class));

	/** What the root's own options may be before a command (all without values; a test checks). */
	static final Set<String> ROOT_FLAGS = Set.of("-v", "--verbose", "-q", "--quiet");

	/** Commands that need all the others: help about any command, completion for all of them. */
	private static final Set<String> NEED_ALL = Set.of("help", "completion");

	@Spec
	CommandSpec spec;

	@Mixin
	Verbosity verbosity;

	private final Io io;

	private final RetryPolicy retryPolicy;

	private Verbosity.Level level = Verbosity.Level.NORMAL;

	SealdropCommand(Io io, RetryPolicy retryPolicy) {
		this.io = io;
		this.retryPolicy = retryPolicy;
	}

	Io io() {
		return this.io;
	}

	/** How the server commands retry (tests shorten the waits). */
	RetryPolicy retryPolicy() {
		return this.retryPolicy;
	}

	Verbosity.Level level() {
		return this.level;
	}

	void level(Verbosity.Level level) {
		this.level = level;
	}

	/**
	 * The one command a run with {@code args} needs, or {@code null} if it may need them all: help,
	 * version or completion, an unknown command, an argument file ({@code @file}) or anything else
	 * before the command that is not a verbosity flag.
	 */
	static Class<?> soleCommand(String... args) {
		for (String arg : args) {
			if (ROOT_FLAGS.contains(arg)) {
				continue;
			}
			return NEED_ALL.contains(arg) ? null : COMMANDS.get(arg);
		}
		return null;
	}

	/** The commands to build for a run with {@code args}: one, or all. */
	static List<Class<?>> commandsFor(String... args) {
		Class<?> sole = soleCommand(args);
		return (sole != null) ? List.of(sole) : List.copyOf(COMMANDS.values());
	}

	@SafeVarargs
	private static Map<String, Class<?>> commands(Map.Entry<String, Class<?>>... entries) {
		Map<String, Class<?>> commands = new LinkedHashMap<>();
		for (Map.Entry<String, Class<?>> entry : entries) {
			commands.put(entry.getKey(), entry.getValue());
		}
		return Collections.unmodifiableMap(commands);
	}

	/** Without a command there is nothing to do: show what there is, as a usage error. */
	@Override
	public Integer call() {
		this.spec.commandLine().usage(this.io.err());
		return ExitCode.USAGE.code();
	}

}
