package io.tcpgateway;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import com.sun.management.UnixOperatingSystemMXBean;
import io.tcpgateway.framing.Framing;
import io.tcpgateway.limits.MemoryBudget;
import io.tcpgateway.test.TcpTestConnection;
import io.tcpgateway.testing.ActuatorHttp;
import io.tcpgateway.testing.GatewayProcess;
import io.tcpgateway.testing.Swarm;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * Attacks on a gateway with the heap a 1 GiB container gives it (256 MB): each leaves it
 * serving a bystander within a second, during the attack and after, healthy, without an
 * {@link OutOfMemoryError}, and stopping cleanly on SIGTERM. The figures are logged for
 * docs/operating.md.
 */
class MemoryUnderAttackTests {

	private static final Log logger = LogFactory.getLog(MemoryUnderAttackTests.class);

	private static final String HEAP = "256m";

	/**
	 * A bystander starved by the attack waits for the 30 s frame timeout or never gets an
	 * answer; a served one answers in milliseconds. The margin between is wide enough for
	 * a loaded 2-core machine, where a round trip during the attack has taken 1.7 s.
	 */
	private static final long BYSTANDER_LIMIT_MILLIS = 5000;

	/** The default budget of waiting replies: an eighth of the heap. */
	private static final long OUTBOUND_BUDGET = 256L * 1024 * 1024 / 8;

	@Test
	void fiveThousandClientsEachHoldingSixtyThousandBytesOfOneFrame(@TempDir Path dir) throws Exception {
		assumeFileDescriptors(5_500);
		try (GatewayProcess gateway = GatewayProcess.startWithHeap(dir, HEAP);
				Bystander bystander = new Bystander(gateway)) {
			ByteBuffer frame = ByteBuffer.wrap("x".repeat(60_000).getBytes(StandardCharsets.US_ASCII));
			long written = 0;
			try (Swarm swarm = Swarm.open(gateway.port(), 5_000, (opened) -> bystander.check())) {
				ByteBuffer[] unsent = new ByteBuffer[swarm.size()];
				for (int i = 0; i < swarm.size(); i++) {
					unsent[i] = frame.duplicate();
					written += swarm.offer(i, unsent[i]);
					if (i % 500 == 0) {
						bystander.check();
					}
				}
				// what the sockets did not take at once: offer it again for a few rounds
				for (int round = 0; round < 5; round++) {
					for (int i = 0; i < swarm.size(); i++) {
						written += swarm.offer(i, unsent[i]);
					}
					bystander.check();
				}
				long bytesWritten = written;
				await().atMost(Duration.ofSeconds(30)).until(() -> {
					bystander.check();
					return closedCount(gateway, "memory") > 0;
				});
				bystander.check();
				bystander.report("5,000 connections x 60,000 bytes of one unterminated frame", gateway,
						String.format(
								"wrote %d MB; the gateway closed %d connections (%d for memory),"
										+ " %d bytes of incomplete frames held",
								bytesWritten / (1024 * 1024), swarm.closedByGateway(), closedCount(gateway, "memory"),
								gauge(gateway, "tcp_gateway_inbound_buffered_bytes")));
			}
			// once the attackers are gone, so is what they made the gateway hold: the
			// bytes they had sent are still read, a budget's worth at a time
			await().atMost(Duration.ofSeconds(60))
				.until(() -> gauge(gateway, "tcp_gateway_inbound_buffered_bytes") == 0);
			bystander.assertServedAndStop(gateway);
		}
	}

	@Test
	void twoThousandClientsThatPipelineAndNeverRead(@TempDir Path dir) throws Exception {
		assumeFileDescriptors(2_500);
		try (GatewayProcess gateway = GatewayProcess.startWithHeap(dir, HEAP);
				Bystander bystander = new Bystander(gateway)) {
			ByteBuffer lines = ByteBuffer
				.wrap("never read this reply, but keep sending\r\n".repeat(1_000).getBytes(StandardCharsets.US_ASCII));
			long written = 0;
			// with a small receive buffer, the replies cannot hide in the attacker's
			// kernel
			try (Swarm swarm = Swarm.open(gateway.port(), 2_000, 4096, (opened) -> bystander.check())) {
				for (int round = 0; round < 10; round++) {
					for (int i = 0; i < swarm.size(); i++) {
						written += swarm.offer(i, lines.duplicate());
					}
					bystander.check();
				}
				bystander.report("2,000 connections that pipeline lines and never read", gateway,
						String.format("wrote %d MB; the gateway closed %d, %d reply bytes waiting (budget %d)",
								written / (1024 * 1024), swarm.closedByGateway(),
								gauge(gateway, "tcp_gateway_outbound_pending_bytes"), OUTBOUND_BUDGET));
				assertThat(gauge(gateway, "tcp_gateway_outbound_pending_bytes")).as("reply bytes waiting")
					.isLessThan(OUTBOUND_BUDGET + 2_000L * MemoryBudget.EXHAUSTED_READ_BYTES * 2);
			}
			await().atMost(Duration.ofSeconds(10))
				.until(() -> gauge(gateway, "tcp_gateway_outbound_pending_bytes") == 0);
			bystander.assertServedAndStop(gateway);
		}
	}

	@Test
	void twoThousandEchoingClientsInNetMode(@TempDir Path dir) throws Exception {
		assumeFileDescriptors(2_500);
		try (GatewayProcess gateway = GatewayProcess.startWithHeap(dir, HEAP, "--tcp-gateway.io-mode=net");
				Bystander bystander = new Bystander(gateway)) {
			int linesEach = 20;
			byte[] request = "echo me, one of twenty pipelined lines\r\n".repeat(linesEach)
				.getBytes(StandardCharsets.US_ASCII);
			int expected = request.length;
			long echoed = 0;
			try (Swarm swarm = Swarm.open(gateway.port(), 2_000, (opened) -> bystander.check())) {
				for (int round = 0; round < 3; round++) {
					for (int i = 0; i < swarm.size(); i++) {
						ByteBuffer bytes = ByteBuffer.wrap(request);
						while (bytes.hasRemaining()) {
							assertThat(swarm.offer(i, bytes)).as("connection %d takes its requests", i)
								.isGreaterThanOrEqualTo(0);
						}
					}
					bystander.check();
					for (int i = 0; i < swarm.size(); i++) {
						echoed += readFully(swarm, i, expected);
					}
					bystander.check();
				}
				assertThat(echoed).isEqualTo(3L * swarm.size() * expected);
				bystander.report("io-mode net, 2,000 connections echoing 20 pipelined lines, 3 rounds", gateway,
						String.format("all %d echoed, %d MB back", swarm.size(), echoed / (1024 * 1024)));
			}
			bystander.assertServedAndStop(gateway);
		}
	}

	@Test
	void tenThousandSilentConnectionsThenANormalClient(@TempDir Path dir) throws Exception {
		assumeFileDescriptors(10_500);
		// the bystander is the ten-thousand-and-first connection
		try (GatewayProcess gateway = GatewayProcess.startWithHeap(dir, HEAP, "--tcp-gateway.max-connections=10001");
				Swarm swarm = Swarm.open(gateway.port(), 10_000, (opened) -> {
				});
				Bystander bystander = new Bystander(gateway)) {
			bystander.check();
			bystander.report("10,000 connections opened and left silent, then a normal client", gateway,
					String.format("the gateway closed %d of them", swarm.closedByGateway()));
			assertThat(swarm.closedByGateway()).isZero();
			bystander.assertServedAndStop(gateway);
		}
	}

	@Test
	void fourConcurrentSixtyMegabytePushesToActuator(@TempDir Path dir) throws Exception {
		try (GatewayProcess gateway = GatewayProcess.startWithJvmOptions(dir,
				List.of("-Xmx" + HEAP, "-XX:+ExitOnOutOfMemoryError"), ActuatorHttp.adminArguments());
				Bystander bystander = new Bystander(gateway)) {
			byte[] body = new byte[60 * 1024 * 1024];
			Arrays.fill(body, (byte) 'A');
			byte[] json = "{\"base64\":\"".getBytes(StandardCharsets.US_ASCII);
			System.arraycopy(json, 0, body, 0, json.length);
			body[body.length - 2] = '"';
			body[body.length - 1] = '}';
			ActuatorHttp admin = ActuatorHttp.asAdmin(gateway.httpPort());
			// two with a Content-Length, two chunked (an input stream of unknown length)
			List<CompletableFuture<Integer>> posts = IntStream.range(0, 4)
				.mapToObj((i) -> CompletableFuture.supplyAsync(() -> status(admin,
						(i % 2 == 0) ? HttpRequest.BodyPublishers.ofByteArray(body)
								: HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))))
				.toList();
			List<Integer> statuses = posts.stream().map(CompletableFuture::join).toList();
			bystander.check();
			bystander.report("4 concurrent 60 MB POSTs to /actuator/tcpconnections as admin", gateway,
					"answered " + statuses);
			// refused with a status, or the connection closed by the gateway before the
			// whole body was sent (-1); never read whole
			assertThat(statuses).allSatisfy((status) -> assertThat(status).isIn(-1, 400, 413));
			bystander.assertServedAndStop(gateway);
		}
	}

	private static int status(ActuatorHttp admin, HttpRequest.BodyPublisher body) {
		try {
			return admin.sendBody("POST", "/actuator/tcpconnections/x", body).statusCode();
		}
		catch (IOException ex) {
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

	private static int readFully(Swarm swarm, int index, int expected) throws IOException {
		ByteBuffer buffer = ByteBuffer.allocate(expected);
		swarm.channel(index).configureBlocking(true);
		try {
			while (buffer.hasRemaining()) {
				if (swarm.channel(index).read(buffer) < 0) {
					break;
				}
			}
		}
		finally {
			swarm.channel(index).configureBlocking(false);
		}
		return buffer.position();
	}

	private static void assumeFileDescriptors(long needed) {
		long limit = ((UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getMaxFileDescriptorCount();
		assumeThat(limit).as("file descriptors this test may open (ulimit -n)").isGreaterThanOrEqualTo(needed);
	}

	private static long closedCount(GatewayProcess gateway, String reason) throws Exception {
		return sum(gateway, "tcp_gateway_connections_closed_total\\{[^}]*reason=\"" + reason + "\"[^}]*\\}");
	}

	private static long gauge(GatewayProcess gateway, String name) throws Exception {
		return sum(gateway, name + "\\{[^}]*\\}");
	}

	private static long sum(GatewayProcess gateway, String series) throws Exception {
		Matcher matcher = Pattern.compile("(?m)^" + series + " (\\S+)$").matcher(prometheus(gateway));
		long sum = 0;
		while (matcher.find()) {
			sum += (long) Double.parseDouble(matcher.group(1));
		}
		return sum;
	}

	private static String prometheus(GatewayProcess gateway) throws Exception {
		return new ActuatorHttp(gateway.httpPort()).get("/actuator/prometheus").body();
	}

	/**
	 * An ordinary client, connected before the attack, that checks it is still served.
	 */
	private static final class Bystander implements AutoCloseable {

		private final GatewayProcess gateway;

		private final TcpTestConnection connection;

		private long slowestMillis;

		private int checks;

		Bystander(GatewayProcess gateway) {
			this.gateway = gateway;
			this.connection = TcpTestConnection.open(gateway.port(), Framing.CRLF);
		}

		/** One round trip, which must come back within the limit. */
		void check() {
			long start = System.nanoTime();
			String probe = "probe " + this.checks++;
			String reply = roundTrip(probe);
			long millis = (System.nanoTime() - start) / 1_000_000;
			if (!reply.equals("\"" + probe + "\"")) {
				fail("the bystander's %s came back as %s after %d ms; %s", probe, reply, millis, diagnosis());
			}
			this.slowestMillis = Math.max(this.slowestMillis, millis);
			assertThat(millis).as("the bystander's round trip during the attack, in ms")
				.isLessThanOrEqualTo(BYSTANDER_LIMIT_MILLIS);
		}

		/**
		 * @return the reply in quotes, or what went wrong instead
		 */
		private String roundTrip(String probe) {
			try {
				this.connection.send(probe);
				return "\"" + this.connection.receiveString() + "\"";
			}
			catch (RuntimeException ex) {
				return ex.toString();
			}
		}

		/**
		 * Why a probe may have failed: how the gateway closed connections, and its log.
		 */
		private String diagnosis() {
			StringBuilder diagnosis = new StringBuilder();
			try {
				prometheus(this.gateway).lines()
					.filter((line) -> line.startsWith("tcp_gateway_connections_closed_total")
							|| line.startsWith("tcp_gateway_inbound_buffered_bytes")
							|| line.startsWith("tcp_gateway_connections_active"))
					.forEach((line) -> diagnosis.append(line).append('\n'));
			}
			catch (Exception ex) {
				diagnosis.append("no metrics: ").append(ex).append('\n');
			}
			List<String> log = this.gateway.log().lines().toList();
			diagnosis.append("the gateway's log ends:\n");
			log.subList(Math.max(0, log.size() - 40), log.size())
				.forEach((line) -> diagnosis.append(line).append('\n'));
			return diagnosis.toString();
		}

		void report(String attack, GatewayProcess gateway, String outcome) throws Exception {
			assertHealthy(gateway);
			logger.info(String.format(
					"%s (-Xmx%s): %s; gateway RSS %d MB, %d threads; the bystander's slowest of %d round trips %d ms",
					attack, HEAP, outcome, gateway.residentKilobytes() / 1024, gateway.threads(), this.checks,
					this.slowestMillis));
		}

		/** After the attack: still served, healthy, no heap exhausted, a clean stop. */
		void assertServedAndStop(GatewayProcess gateway) throws Exception {
			check();
			assertHealthy(gateway);
			this.connection.close();
			gateway.terminate();
			assertThat(gateway.awaitExit()).as("exit status on SIGTERM").isZero();
			assertThat(gateway.log()).doesNotContain("OutOfMemoryError");
		}

		private static void assertHealthy(GatewayProcess gateway) throws Exception {
			HttpResponse<String> health = new ActuatorHttp(gateway.httpPort()).get("/actuator/health");
			assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
			assertThat(health.body()).contains("\"status\":\"UP\"");
		}

		@Override
		public void close() {
			this.connection.close();
		}

	}

}
