package dev.sealdrop.client;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code sealdrop completion bash}: prints a bash (and zsh) completion script, made by picocli. */
@Command(name = "completion", sortOptions = false,
		description = { "Print a shell completion script for sealdrop (bash; zsh with bashcompinit).", "" },
		footerHeading = "%nExamples:%n",
		footer = { "  source <(sealdrop completion bash)",
				"  sealdrop completion bash > ~/.local/share/bash-completion/completions/sealdrop" })
final class CompletionCommand extends BaseCommand {

	@Parameters(paramLabel = "SHELL", description = "The shell: bash.")
	String shell;

	@Override
	ExitCode run() throws Exception {
		if (!"bash".equals(this.shell) && !"zsh".equals(this.shell)) {
			throw new CommandException(ExitCode.USAGE, "unsupported shell: " + Printable.of(this.shell),
					"supported: bash (zsh through bashcompinit)");
		}
		io().out().print(AutoComplete.bash("sealdrop", this.spec.root().commandLine()));
		io().out().flush();
		return ExitCode.OK;
	}

}
