package io.tcpgateway.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A real {@code redis-server} (Debian package {@code redis-server}, which {@code .ci/run}
 * installs) on a free loopback port, with no persistence, in a directory of the test's;
 * stopped by its PID. Tests that need it skip when it is not installed ({@link #binary()}
 * is {@code null}).
 */
public final class RedisServer implements AutoCloseable {

	private final Path dir;

	private final int port;

	private Process process;

	private RedisServer(Path dir, int port) {
		this.dir = dir;
		this.port = port;
	}

	/**
	 * @return the {@code redis-server} binary, or {@code null} when it is not installed
	 */
	public static Path binary() {
		for (String candidate : List.of("/usr/bin/redis-server", "/usr/local/bin/redis-server",
				"/usr/sbin/redis-server")) {
			if (Files.isExecutable(Path.of(candidate))) {
				return Path.of(candidate);
			}
		}
		return null;
	}

	/** Start a server on a free port; it answers PING when this returns. */
	public static RedisServer start(Path dir) {
		RedisServer server = new RedisServer(dir, freePort());
		server.start();
		return server;
	}

	public int port() {
		return this.port;
	}

	/** Start again, on the same port, empty. */
	public void start() {
		Path cli = binary().resolveSibling("redis-cli");
		List<String> command = List.of(binary().toString(), "--port", Integer.toString(this.port), "--bind",
				"127.0.0.1", "--save", "", "--appendonly", "no", "--dir", this.dir.toString());
		try {
			this.process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(this.dir.resolve("redis-" + this.port + ".log").toFile())
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> Files.isExecutable(cli) && "PONG".equals(cli("PING")));
	}

	/** Stop the server (SIGTERM to its PID) and wait for it to exit. */
	public void stop() {
		if (this.process == null) {
			return;
		}
		this.process.destroy();
		try {
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.process = null;
	}

	/**
	 * Run one command with {@code redis-cli}.
	 * @return its output, trimmed
	 */
	public String cli(String... args) {
		List<String> command = new ArrayList<>(List.of(binary().resolveSibling("redis-cli").toString(), "-h",
				"127.0.0.1", "-p", Integer.toString(this.port)));
		command.addAll(List.of(args));
		try {
			Process cli = new ProcessBuilder(command).redirectErrorStream(true).start();
			if (!cli.waitFor(10, TimeUnit.SECONDS)) {
				cli.destroyForcibly();
				throw new IllegalStateException("redis-cli did not finish: " + command);
			}
			return new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		stop();
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
