package io.tcpgateway.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.jayway.jsonpath.JsonPath;

import static org.awaitility.Awaitility.await;

/**
 * A real {@code prometheus} (Debian package {@code prometheus}, which {@code .ci/run}
 * installs) on a free loopback port, scraping gateways' {@code /actuator/prometheus} as
 * job {@code tcp-gateway} every second, with its data in a directory of the test's. Tests
 * that need it skip when it is not installed ({@link #binary} is {@code null}).
 */
public final class PrometheusServer implements AutoCloseable {

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final Process process;

	private final int port;

	private final Path log;

	private PrometheusServer(Process process, int port, Path log) {
		this.process = process;
		this.port = port;
		this.log = log;
	}

	/**
	 * @param name {@code prometheus} or {@code promtool}
	 * @return the binary, or {@code null} when it is not installed
	 */
	public static Path binary(String name) {
		for (String dir : List.of("/usr/bin", "/usr/local/bin", "/opt/prometheus")) {
			Path candidate = Path.of(dir, name);
			if (Files.isExecutable(candidate)) {
				return candidate;
			}
		}
		return null;
	}

	/**
	 * Start a server that scrapes the given Actuator ports of 127.0.0.1 and evaluates the
	 * given rule files every second; it is ready when this returns.
	 */
	public static PrometheusServer start(Path dir, List<Integer> actuatorPorts, List<Path> ruleFiles) {
		// Prometheus cannot listen on port 0 and say which port it got: a free port,
		// taken a moment later
		int port = freePort();
		Path config = dir.resolve("prometheus.yml");
		Path log = dir.resolve("prometheus.log");
		String targets = actuatorPorts.stream()
			.map((p) -> "'127.0.0.1:" + p + "'")
			.collect(Collectors.joining(", ", "[", "]"));
		String rules = ruleFiles.stream()
			.map((file) -> "'" + file.toAbsolutePath() + "'")
			.collect(Collectors.joining(", ", "[", "]"));
		try {
			Files.writeString(config,
					String.join("\n", "global:", "  scrape_interval: 1s", "  evaluation_interval: 1s",
							"rule_files: " + rules, "scrape_configs:", "  - job_name: tcp-gateway",
							"    metrics_path: /actuator/prometheus", "    static_configs:",
							"      - targets: " + targets, ""));
			Process process = new ProcessBuilder(binary("prometheus").toString(), "--config.file=" + config,
					"--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
				.redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			PrometheusServer server = new PrometheusServer(process, port, log);
			try {
				await().atMost(Duration.ofSeconds(30)).until(() -> server.isReady() || !process.isAlive());
			}
			catch (RuntimeException | Error ex) {
				// not ready in time: the caller never gets the server to close
				process.destroyForcibly();
				throw ex;
			}
			if (!process.isAlive()) {
				throw new IllegalStateException("Prometheus did not start:\n" + server.log());
			}
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public int port() {
		return this.port;
	}

	/**
	 * Evaluate an instant query now.
	 * @return the number of series in the result
	 * @throws IllegalArgumentException when Prometheus rejects the query
	 */
	public int seriesCount(String promql) throws IOException, InterruptedException {
		String body = get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)).body();
		if (!"success".equals(JsonPath.read(body, "$.status"))) {
			throw new IllegalArgumentException("Prometheus rejected " + promql + ": " + body);
		}
		return JsonPath.<List<?>>read(body, "$.data.result").size();
	}

	/**
	 * @return the answer of Prometheus's HTTP API to a {@code GET} of this path
	 */
	public HttpResponse<String> get(String path) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(10))
			.build();
		return http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	public String log() {
		try {
			return Files.readString(this.log);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
		}
	}

	private boolean isReady() {
		try {
			return get("/-/ready").statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
