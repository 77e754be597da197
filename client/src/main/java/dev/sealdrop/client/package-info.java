/**
 * The {@code sealdrop} command-line client.
 *
 * <p>{@link dev.sealdrop.client.Main} builds the picocli command line: {@code SealdropCommand} is
 * the root (shared {@code Io}, verbosity), each command is one class extending {@code BaseCommand}
 * ({@code KeygenCommand}, {@code EncryptCommand}, {@code DecryptCommand}, {@code InspectCommand}).
 * Commands throw on failure; {@code ErrorReporter} is the one place that turns an exception into an
 * {@link dev.sealdrop.client.ExitCode} and one line on stderr ({@code UsageErrorReporter} for
 * command lines that do not parse). Outputs are written through {@code AtomicOutput}: a temporary
 * file renamed into place only when complete and verified.
 *
 * <p>To add a command: a class extending {@code BaseCommand} with a picocli {@code @Command} (with a
 * footer of examples), listed in {@code SealdropCommand}'s {@code subcommands}; new failure kinds get
 * an {@code ExitCode} (10 to 19 are reserved for the server commands) and a case in
 * {@code ErrorReporter.describe}.
 */
package dev.sealdrop.client;
