package io.tcpgateway.server;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import io.tcpgateway.connection.ConnectionRegistry;
import io.tcpgateway.connection.IoMode;
import io.tcpgateway.framing.Framing;
import io.tcpgateway.test.TcpTestConnection;
import io.tcpgateway.testing.Lines;
import io.tcpgateway.testing.RunningGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static io.tcpgateway.testing.LogLines.settled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Stopping the application drains the gateway: no new clients, every received frame
 * answered.
 */
@ExtendWith(OutputCaptureExtension.class)
class GracefulDrainTests {

	@ParameterizedTest
	@EnumSource(IoMode.class)
	void everyFrameSentBeforeTheDrainIsAnsweredAndNewClientsAreRefused(IoMode mode) throws Exception {
		RunningGateway gateway = RunningGateway.start("tcp-gateway.io-mode=" + mode,
				"tcp-gateway.shutdown.grace-period=20s");
		int port = gateway.port();
		ApplicationAvailability availability = gateway.context().getBean(ApplicationAvailability.class);
		try (TcpTestConnection pipelining = TcpTestConnection.open(port, Framing.CRLF);
				TcpTestConnection idle = TcpTestConnection.open(port, Framing.CRLF)) {
			assertThat(idle.echoes("hello")).isTrue();
			pipelining.sendRaw(Lines.numbered(0, 2000));

			CompletableFuture<Void> stop = CompletableFuture.runAsync(gateway::close);
			await().atMost(Duration.ofSeconds(10))
				.until(() -> availability.getReadinessState() == ReadinessState.REFUSING_TRAFFIC);
			assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> connect(port));

			for (int i = 0; i < 2000; i++) {
				assertThat(pipelining.receiveString()).isEqualTo("line-" + i);
			}
			assertThat(pipelining.awaitClosed()).isTrue();
			assertThat(idle.awaitClosed()).isTrue();
			stop.get();
		}
	}

	@Test
	void connectionsStillBusyWhenTheGracePeriodEndsAreClosedAndCounted(CapturedOutput output) throws Exception {
		RunningGateway gateway = RunningGateway.start("tcp-gateway.shutdown.grace-period=1s",
				"tcp-gateway.outbound.max-pending=64KB", "tcp-gateway.socket.send-buffer-size=16KB");
		try (TcpTestConnection neverReads = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			neverReads.socket().setReceiveBufferSize(16 * 1024);
			CompletableFuture.runAsync(() -> neverReads.sendRaw(Lines.numbered(0, 50_000)));
			await().atMost(Duration.ofSeconds(10))
				.until(() -> gateway.context()
					.getBean(ConnectionRegistry.class)
					.live()
					.stream()
					.anyMatch(connection -> connection.pendingBytes() > 0));
			gateway.close();
			assertThat(settled(output))
				.contains("Grace period (PT1S, tcp-gateway.shutdown.grace-period) ended: closed 1 connection(s)");
		}
	}

	private static void connect(int port) throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
		}
	}

}
