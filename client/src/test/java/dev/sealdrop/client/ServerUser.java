package dev.sealdrop.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import dev.sealdrop.client.net.RetryPolicy;

/**
 * A user of the {@link TestServer} with their own config folder ({@code XDG_CONFIG_HOME}) and working
 * directory, running the CLI in-process with short retry waits.
 */
final class ServerUser {

	/** The default number of attempts, with waits short enough for tests. */
	static final RetryPolicy FAST_RETRIES = RetryPolicy.defaults().withBackoff(Duration.ofMillis(5), Duration.ofMillis(40));

	private static final AtomicInteger COUNTER = new AtomicInteger();

	final String name;

	final String password;

	final Path home;

	final Path work;

	private ServerUser(String name, String password, Path home, Path work) {
		this.name = name;
		this.password = password;
		this.home = home;
		this.work = work;
	}

	/** A new user on the server, with fresh folders under {@code dir}. */
	static ServerUser create(TestServer server, Path dir, String prefix) throws IOException {
		String name = prefix + COUNTER.incrementAndGet() + "-" + ProcessHandle.current().pid();
		String password = "password-of-" + name;
		server.createUser(name, password);
		return new ServerUser(name, password, Files.createDirectories(dir.resolve(name).resolve("config")),
				Files.createDirectories(dir.resolve(name).resolve("work")));
	}

	CliRun cli() {
		return new CliRun(this.work).env("XDG_CONFIG_HOME", this.home.toString())
			.env(ServerCommand.PASSWORD_ENV, this.password)
			.retryPolicy(FAST_RETRIES);
	}

	CliRun.Result run(String... args) {
		return cli().run(args);
	}

	/** Logs in to {@code url} (pinning it on first use) and registers this "computer". */
	ServerUser loginAndRegister(String url) {
		CliRun.Result login = run("login", "--server", url, "--user", this.name);
		assertThat(login.exitCode()).as(login.toString()).isZero();
		CliRun.Result register = run("register", "--name", "test");
		assertThat(register.exitCode()).as(register.toString()).isZero();
		return this;
	}

	Path configDir() {
		return this.home.resolve("sealdrop");
	}

	Path file(String name) {
		return this.work.resolve(name);
	}

	/** Uploads {@code file} (in the working directory) and returns its ID. */
	String upload(String file) {
		CliRun.Result result = run("upload", file);
		assertThat(result.exitCode()).as(result.toString()).isZero();
		return result.out().strip();
	}

}
