package io.tcpgateway.limits;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import io.tcpgateway.connection.Connection;
import io.tcpgateway.connection.ConnectionRegistry;
import io.tcpgateway.framing.Framing;
import io.tcpgateway.metrics.GatewayMeters;
import io.tcpgateway.test.TcpTestConnection;
import io.tcpgateway.testing.RunningGateway;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A client that sends and does not read is throttled or closed, per policy, while others
 * are served.
 */
class SlowConsumerTests {

	private static final String LINE = "z".repeat(998);

	/** Lines the client that does not read sends: 50 MB. */
	private static final int LINES = 50_000;

	@Test
	void backpressureStopsReadingFromAClientThatDoesNotReadResumesAsItReadsAndLosesNoReply() throws Exception {
		// a read delay longer than the test: reading must resume because the client
		// reads,
		// not because the delay is over
		try (RunningGateway gateway = RunningGateway.start("tcp-gateway.outbound.max-pending=256KB",
				"tcp-gateway.outbound.write-timeout=1m", "tcp-gateway.selector.read-delay=1m");
				TcpTestConnection slow = TcpTestConnection.open(gateway.port(), Framing.CRLF);
				TcpTestConnection bystander = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			ConnectionRegistry connections = gateway.context().getBean(ConnectionRegistry.class);
			CompletableFuture<Void> writer = CompletableFuture
				.runAsync(() -> writeLines(slow, LINES, new AtomicLong()));

			// the gateway stops reading: what it has taken from the client stops growing,
			// and the writer gets stuck short of its 50 MB (more than this host's socket
			// buffers can hold, however far the kernel has grown them)
			await().atMost(Duration.ofSeconds(10)).until(() -> maxPending(connections) >= 256 * 1024);
			AtomicLong lastSeen = new AtomicLong(-1);
			await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(10)).until(() -> {
				long now = bytesReadFromSlowest(connections);
				return lastSeen.getAndSet(now) == now;
			});
			assertThat(writer).isNotDone();
			assertThat(maxPending(connections)).isLessThanOrEqualTo(256 * 1024 + 128 * 1024);
			assertThat(bystander.echoes("served meanwhile")).isTrue();

			// once the client reads, everything it sent comes back, in order, at the pace
			// it
			// reads
			for (int i = 0; i < LINES; i++) {
				assertThat(slow.receiveString()).isEqualTo(i + LINE);
			}
			writer.get();
			assertThat(gateway.counter(GatewayMeters.CONNECTIONS_CLOSED, "slow-consumer")).isZero();
		}
	}

	@Test
	void closePolicyClosesAClientWhoseRepliesPileUp() throws Exception {
		try (RunningGateway gateway = RunningGateway.start("tcp-gateway.outbound.slow-consumer=close",
				"tcp-gateway.outbound.max-pending=64KB");
				TcpTestConnection slow = TcpTestConnection.open(gateway.port(), Framing.CRLF);
				TcpTestConnection bystander = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			CompletableFuture<Void> writer = CompletableFuture
				.runAsync(() -> writeLines(slow, 20_000, new AtomicLong()));
			await().atMost(Duration.ofSeconds(10))
				.until(() -> gateway.counter(GatewayMeters.CONNECTIONS_CLOSED, "slow-consumer") == 1);
			assertThat(bystander.echoes("served meanwhile")).isTrue();
			writer.handle((ok, failure) -> null).get();
		}
	}

	/** Bytes the gateway has read from the connection with the most replies pending. */
	private static long bytesReadFromSlowest(ConnectionRegistry connections) {
		return connections.live()
			.stream()
			.max(Comparator.comparingLong(Connection::pendingBytes))
			.map((connection) -> connection.stats().bytesIn())
			.orElse(0L);
	}

	private static long maxPending(ConnectionRegistry connections) {
		return connections.live().stream().mapToLong(Connection::pendingBytes).max().orElse(0);
	}

	/**
	 * Write numbered 1000-byte lines without reading; ends early if the gateway closes
	 * the connection.
	 */
	private static void writeLines(TcpTestConnection client, int count, AtomicLong sent) {
		try {
			OutputStream output = client.socket().getOutputStream();
			for (int i = 0; i < count; i++) {
				output.write((i + LINE + "\r\n").getBytes(StandardCharsets.US_ASCII));
				sent.incrementAndGet();
			}
			output.flush();
		}
		catch (IOException ex) {
			// closed by the gateway
		}
	}

}
