package io.tcpgateway.connection;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import io.tcpgateway.limits.SlowConsumerPolicy;
import io.tcpgateway.framing.Framing;
import io.tcpgateway.metrics.GatewayMeters;
import io.tcpgateway.test.TcpTestConnection;
import io.tcpgateway.testing.RunningGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The idle timeout closes quiet connections only; the write timeout closes connections
 * whose replies make no progress.
 */
class TimeoutTests {

	@ParameterizedTest
	@EnumSource(IoMode.class)
	void idleConnectionIsClosedAndActiveOneSurvives(IoMode mode) throws Exception {
		try (RunningGateway gateway = RunningGateway.start("tcp-gateway.idle-timeout=400ms",
				"tcp-gateway.io-mode=" + mode);
				TcpTestConnection idle = TcpTestConnection.open(gateway.port(), Framing.CRLF);
				TcpTestConnection active = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			assertThat(idle.echoes("then silence")).isTrue();
			CompletableFuture<Boolean> idleClosed = CompletableFuture.supplyAsync(idle::awaitClosed);
			// keep talking for well over the idle timeout: every reply must come
			for (int i = 0; i < 20; i++) {
				assertThat(active.echoes("tick " + i)).isTrue();
				Thread.sleep(50);
			}
			assertThat(idleClosed.get()).isTrue();
			await().atMost(Duration.ofSeconds(10))
				.until(() -> gateway.counter(GatewayMeters.CONNECTIONS_CLOSED, "idle") == 1);
		}
	}

	@Test
	void aSweepThatFailsWithAnErrorDoesNotEndTheSweeps() {
		try (RunningGateway gateway = RunningGateway.start("tcp-gateway.idle-timeout=400ms");
				TcpTestConnection idle = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			AtomicBoolean failed = new AtomicBoolean();
			gateway.context().getBean(ConnectionSweeper.class).addCheck((connection, now) -> {
				if (failed.compareAndSet(false, true)) {
					throw new AssertionError("a check with a bug");
				}
			});
			assertThat(idle.echoes("then silence")).isTrue();
			assertThat(idle.awaitClosed()).isTrue();
			assertThat(failed).isTrue();
			// counted once the closed connection is released, just after its socket
			// closes
			await().atMost(Duration.ofSeconds(10))
				.until(() -> gateway.counter(GatewayMeters.CONNECTIONS_CLOSED, "idle") == 1);
		}
	}

	@ParameterizedTest
	@EnumSource(SlowConsumerPolicy.class)
	void connectionReceivingALongReplySlowlyIsNotIdle(SlowConsumerPolicy policy) throws Exception {
		try (RunningGateway gateway = RunningGateway.start("tcp-gateway.idle-timeout=300ms",
				"tcp-gateway.outbound.slow-consumer=" + policy, "tcp-gateway.outbound.max-pending=8MB",
				"tcp-gateway.socket.send-buffer-size=16KB");
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			client.socket().setReceiveBufferSize(16 * 1024);
			ByteArrayOutputStream requests = new ByteArrayOutputStream();
			String line = "x".repeat(1000);
			for (int i = 0; i < 2000; i++) {
				requests.writeBytes((i + line + "\r\n").getBytes(StandardCharsets.US_ASCII));
			}
			client.sendRaw(requests.toByteArray());
			// read 2 MB of replies slowly: far longer than the idle timeout, with nothing
			// sent meanwhile;
			// every reply arrives (once they are all written, the connection may well be
			// closed as idle)
			for (int i = 0; i < 2000; i++) {
				assertThat(client.receiveString()).isEqualTo(i + line);
				if (i % 100 == 0) {
					Thread.sleep(40);
				}
			}
		}
	}

	@ParameterizedTest
	@EnumSource(IoMode.class)
	void repliesThatMakeNoProgressCloseTheConnectionAfterTheWriteTimeout(IoMode mode) throws Exception {
		try (RunningGateway gateway = RunningGateway.start("tcp-gateway.outbound.write-timeout=500ms",
				"tcp-gateway.io-mode=" + mode, "tcp-gateway.socket.send-buffer-size=16KB");
				TcpTestConnection stalled = TcpTestConnection.open(gateway.port(), Framing.CRLF);
				TcpTestConnection bystander = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			stalled.socket().setReceiveBufferSize(16 * 1024);
			byte[] lines = "y".repeat(9998).concat("\r\n").repeat(100).getBytes(StandardCharsets.US_ASCII);
			// never read: the replies fill both socket buffers, then stop moving
			CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> stalled.sendRaw(lines));
			await().atMost(java.time.Duration.ofSeconds(10))
				.until(() -> gateway.counter(GatewayMeters.CONNECTIONS_CLOSED, "slow-consumer") == 1);
			assertThat(bystander.echoes("unaffected")).isTrue();
			writer.handle((ok, failure) -> null).get();
		}
	}

}
