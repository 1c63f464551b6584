package io.tcpgateway.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.sun.net.httpserver.HttpServer;
import io.tcpgateway.framing.Framing;
import io.tcpgateway.test.TcpTestConnection;
import io.tcpgateway.testing.GatewayProcess;
import io.tcpgateway.testing.PrometheusServer;
import io.tcpgateway.testing.RedisServer;
import io.tcpgateway.testing.RunningGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard and the Prometheus rules of {@code deploy/observability} read what the
 * gateway really exports: promtool accepts the rules and their tests pass, every alert
 * has a test where it fires and one where it stays quiet, and a real Prometheus scraping
 * real gateway processes under load (the TCP bridge and the cluster with a real Redis in
 * one, the HTTP bridge in the other) answers every panel's query and every rule's
 * expression with at least one series. A meter renamed under a panel or an alert fails
 * here.
 *
 * <p>
 * Needs {@code promtool} and {@code prometheus} (Debian package {@code prometheus}) and
 * {@code redis-server}, which {@code .ci/run} installs; skipped without them.
 */
class ObservabilityRulesTests {

	@Test
	void rulesAreValidAndEachAlertIsProvenToFireAndToStayQuiet(@TempDir Path dir) throws Exception {
		Path promtool = PrometheusServer.binary("promtool");
		assumeThat(promtool).as("promtool (apt-get install prometheus)").isNotNull();
		List<String> check = new ArrayList<>(List.of(promtool.toString(), "check", "rules"));
		ObservabilityQueries.RULE_FILES.forEach((file) -> check.add(file.toString()));
		assertThat(run(dir, check)).isZero();
		List<String> test = new ArrayList<>(List.of(promtool.toString(), "test", "rules"));
		try (var files = Files.list(ObservabilityQueries.DIR.resolve("tests"))) {
			files.filter((file) -> file.toString().endsWith(".yml"))
				.sorted()
				.forEach((file) -> test.add(file.toString()));
		}
		assertThat(test).hasSizeGreaterThan(3);
		assertThat(run(dir, test)).isZero();

		List<Map.Entry<String, Boolean>> cases = ObservabilityQueries.alertTests();
		assertThat(ObservabilityQueries.alerts()).isNotEmpty()
			.allSatisfy((alert) -> assertThat(cases).as("promtool tests of " + alert)
				.contains(entry(alert, true), entry(alert, false)));
	}

	@Test
	void everyPanelAndRuleReadsSeriesThatRealGatewaysExport(@TempDir Path dir) throws Exception {
		assumeThat(PrometheusServer.binary("prometheus")).as("prometheus (apt-get install prometheus)").isNotNull();
		assumeThat(RedisServer.binary()).as("redis-server (apt-get install redis-server)").isNotNull();
		Map<String, String> queries = new LinkedHashMap<>(ObservabilityQueries.dashboard());
		queries.putAll(ObservabilityQueries.rules());
		HttpServer backend = echoBackend();
		// the test class path has a tracer: a sampled request puts an exemplar on a
		// timer's _count, and Prometheus before 2.43 (Debian 12's) drops the scrape
		String unsampled = "--management.tracing.sampling.probability=0";
		try (RedisServer redis = RedisServer.start(dir); RunningGateway upstream = RunningGateway.start()) {
			CompletableFuture<GatewayProcess> tcpBridge = CompletableFuture
				.supplyAsync(() -> GatewayProcess.startWithHeap(dir, "256m", unsampled,
						"--tcp-gateway.forward.tcp.host=127.0.0.1", "--tcp-gateway.forward.tcp.port=" + upstream.port(),
						"--tcp-gateway.cluster.enabled=true", "--spring.data.redis.port=" + redis.port()));
			CompletableFuture<GatewayProcess> httpBridge = CompletableFuture.supplyAsync(() -> GatewayProcess
				.startWithHeap(dir, "256m", unsampled, "--tcp-gateway.forward.http.url=http://127.0.0.1:"
						+ backend.getAddress().getPort() + "/frames"));
			try (GatewayProcess first = tcpBridge.get(90, TimeUnit.SECONDS);
					GatewayProcess second = httpBridge.get(90, TimeUnit.SECONDS);
					PrometheusServer prometheus = PrometheusServer.start(dir,
							List.of(first.httpPort(), second.httpPort()), ObservabilityQueries.RULE_FILES)) {
				load(first.port());
				load(second.port());
				await().atMost(Duration.ofSeconds(60))
					.pollInterval(Duration.ofSeconds(1))
					.untilAsserted(() -> assertThat(withoutSeries(prometheus, queries))
						.as("queries without a series (Prometheus log:%n%s)", prometheus.log())
						.isEmpty());
			}
			finally {
				closeOnceStarted(tcpBridge);
				closeOnceStarted(httpBridge);
			}
		}
		finally {
			backend.stop(0);
		}
	}

	/**
	 * Close the process whatever became of its start: one still starting is waited for
	 * (its start gives up, and destroys it, within its own bound); one that failed to
	 * start left no process.
	 */
	private static void closeOnceStarted(CompletableFuture<GatewayProcess> starting) {
		try {
			starting.get(90, TimeUnit.SECONDS).close();
		}
		catch (ExecutionException ex) {
			// GatewayProcess destroyed what it started
		}
		catch (TimeoutException ex) {
			starting.thenAccept(GatewayProcess::close);
		}
		catch (InterruptedException ex) {
			starting.thenAccept(GatewayProcess::close);
			Thread.currentThread().interrupt();
		}
	}

	private static List<String> withoutSeries(PrometheusServer prometheus, Map<String, String> queries)
			throws IOException, InterruptedException {
		List<String> empty = new ArrayList<>();
		for (Map.Entry<String, String> query : queries.entrySet()) {
			if (prometheus.seriesCount(query.getValue()) == 0) {
				empty.add(query.getKey());
			}
		}
		return empty;
	}

	/**
	 * A short load, bounded in count: two clients, 50 round trips each; every meter is
	 * registered up front, so this is for the rates and the latency histogram.
	 */
	private static void load(int port) {
		for (int client = 0; client < 2; client++) {
			try (TcpTestConnection connection = TcpTestConnection.open(port, Framing.CRLF)) {
				for (int i = 0; i < 50; i++) {
					assertThat(connection.echoes("request " + client + "-" + i)).isTrue();
				}
			}
		}
	}

	/** The HTTP bridge's backend: answers each POST with its body. */
	private static HttpServer echoBackend() throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/frames", (exchange) -> {
			try (InputStream in = exchange.getRequestBody(); OutputStream out = exchange.getResponseBody()) {
				byte[] body = in.readAllBytes();
				exchange.sendResponseHeaders(200, body.length);
				out.write(body);
			}
		});
		server.start();
		return server;
	}

	private static int run(Path dir, List<String> command) throws IOException, InterruptedException {
		Path output = dir.resolve("promtool-" + System.nanoTime() + ".log");
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
		if (!process.waitFor(60, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new IllegalStateException(command + " did not finish");
		}
		int status = process.exitValue();
		if (status != 0) {
			System.err.println(Files.readString(output, StandardCharsets.UTF_8));
		}
		return status;
	}

}
