package dev.sealdrop.client;

import java.util.concurrent.Callable;

import dev.sealdrop.client.net.RetryPolicy;

import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The root command: holds what all commands share (the {@link Io} and the verbosity level) and
 * lists the commands. New commands are added to {@code subcommands} and extend {@link BaseCommand}.
 */
@Command(name = "sealdrop", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
		synopsisSubcommandLabel = "COMMAND",
		description = { "Encrypt files for P-384 public keys into chunked, authenticated archives; decrypt, verify and inspect them (offline), or send them through a sealdrop server, encrypted end to end.",
				"" },
		commandListHeading = "%nCommands:%n",
		subcommands = { KeygenCommand.class, EncryptCommand.class, DecryptCommand.class, InspectCommand.class,
				LoginCommand.class, LogoutCommand.class, RegisterCommand.class, ServerKeyCommand.class,
				UploadCommand.class, DownloadCommand.class, LsCommand.class, InfoCommand.class, RmCommand.class,
				ShareCommand.class, ClientsCommand.class, CompletionCommand.class, HelpCommand.class },
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

	/** Without a command there is nothing to do: show what there is, as a usage error. */
	@Override
	public Integer call() {
		this.spec.commandLine().usage(this.io.err());
		return ExitCode.USAGE.code();
	}

}
