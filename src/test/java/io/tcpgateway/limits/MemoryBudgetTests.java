package io.tcpgateway.limits;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.tcpgateway.connection.ConnectionRegistry;
import io.tcpgateway.connection.IoMode;
import io.tcpgateway.framing.Framing;
import io.tcpgateway.metrics.GatewayMeters;
import io.tcpgateway.server.TcpGatewayProperties;
import io.tcpgateway.test.TcpTestConnection;
import io.tcpgateway.testing.RunningGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The gateway-wide budgets: incomplete frames and waiting replies of all connections
 * together stay within them, the connections holding most are paused and then closed, and
 * the others go on being served; a frame left incomplete is closed after the frame
 * timeout.
 */
class MemoryBudgetTests {

	private static final int BUDGET = 256 * 1024;

	private static final int UNTERMINATED = 60_000;

	@ParameterizedTest
	@EnumSource(IoMode.class)
	void incompleteFramesPastTheBudgetAreClosedLargestFirstWhileCompleteFramesAreServed(IoMode mode) throws Exception {
		try (RunningGateway gateway = RunningGateway.start("tcp-gateway.io-mode=" + mode,
				"tcp-gateway.max-buffered-bytes=" + BUDGET + "B", "tcp-gateway.max-message-size=64KB");
				TcpTestConnection bystander = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			MemoryBudget budget = gateway.context().getBean(MemoryBudgets.class).inbound();
			List<TcpTestConnection> holders = new ArrayList<>();
			try {
				byte[] partial = "p".repeat(UNTERMINATED).getBytes(StandardCharsets.US_ASCII);
				for (int i = 0; i < 12; i++) {
					TcpTestConnection holder = TcpTestConnection.open(gateway.port(), Framing.CRLF);
					holders.add(holder);
					holder.sendRaw(partial);
				}
				// twelve times 60,000 bytes is almost three times the budget
				await().atMost(Duration.ofSeconds(10))
					.until(() -> gateway.counter(GatewayMeters.CONNECTIONS_CLOSED, "memory") > 0);
				// each reading thread (an event loop, or net's one per connection) may
				// overshoot by one read that began before the budget ran out
				long concurrentReads = (mode == IoMode.NIO) ? new TcpGatewayProperties().getSelector().getEventLoops()
						: 1;
				assertThat(budget.held()).as("bytes held for incomplete frames")
					.isLessThanOrEqualTo(
							BUDGET + 12L * MemoryBudget.EXHAUSTED_READ_BYTES + concurrentReads * 64 * 1024);
				assertThat(bystander.echoes("complete frames are served")).isTrue();
			}
			finally {
				holders.forEach(TcpTestConnection::close);
			}
			await().atMost(Duration.ofSeconds(10)).until(() -> budget.held() == 0);
			assertThat(bystander.echoes("and after")).isTrue();
		}
	}

	@ParameterizedTest
	@EnumSource(IoMode.class)
	void aFrameLeftIncompleteIsClosedAfterTheFrameTimeout(IoMode mode) throws Exception {
		try (RunningGateway gateway = RunningGateway.start("tcp-gateway.io-mode=" + mode,
				"tcp-gateway.frame-timeout=300ms");
				TcpTestConnection trickler = TcpTestConnection.open(gateway.port(), Framing.CRLF);
				TcpTestConnection quiet = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			assertThat(quiet.echoes("between frames")).isTrue();
			trickler.sendRaw("a frame that never ends".getBytes(StandardCharsets.US_ASCII));
			assertThat(trickler.awaitClosed()).isTrue();
			await().atMost(Duration.ofSeconds(5))
				.until(() -> gateway.counter(GatewayMeters.CONNECTIONS_CLOSED, "frame-timeout") == 1);
			// a connection quiet between frames for as long is left alone
			assertThat(quiet.echoes("still open")).isTrue();
		}
	}

	@Test
	void repliesWaitingPastTheTotalBudgetPauseTheirConnections() throws Exception {
		try (RunningGateway gateway = RunningGateway.start("tcp-gateway.outbound.max-pending=256KB",
				"tcp-gateway.outbound.max-pending-total=" + BUDGET + "B", "tcp-gateway.outbound.write-timeout=1m",
				"tcp-gateway.socket.send-buffer-size=8KB");
				TcpTestConnection bystander = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			ConnectionRegistry connections = gateway.context().getBean(ConnectionRegistry.class);
			MemoryBudget budget = gateway.context().getBean(MemoryBudgets.class).outbound();
			List<TcpTestConnection> readers = new ArrayList<>();
			List<CompletableFuture<Void>> writers = new ArrayList<>();
			try {
				for (int i = 0; i < 8; i++) {
					TcpTestConnection reader = TcpTestConnection.open(gateway.port(), Framing.CRLF);
					readers.add(reader);
					writers.add(CompletableFuture.runAsync(() -> writeWithoutReading(reader)));
				}
				// each alone may hold 256 KB, eight of them twice the budget
				await().atMost(Duration.ofSeconds(10)).until(budget::isExhausted);
				await().during(Duration.ofMillis(500))
					.atMost(Duration.ofSeconds(5))
					.until(() -> connections.pendingBytes() <= BUDGET + 8L * 64 * 1024);
				assertThat(writers).allMatch((writer) -> !writer.isDone());
				assertThat(bystander.echoes("served meanwhile")).isTrue();
			}
			finally {
				readers.forEach(TcpTestConnection::close);
			}
			await().atMost(Duration.ofSeconds(10)).until(() -> budget.held() == 0);
			assertThat(bystander.echoes("and after")).isTrue();
		}
	}

	/** Write lines until the gateway stops taking them; ends when the test closes it. */
	private static void writeWithoutReading(TcpTestConnection client) {
		byte[] lines = "r".repeat(998).concat("\r\n").repeat(64).getBytes(StandardCharsets.US_ASCII);
		try {
			OutputStream output = client.socket().getOutputStream();
			for (int i = 0; i < 100_000; i++) {
				output.write(lines);
			}
		}
		catch (IOException ex) {
			// closed at the end of the test
		}
	}

}
