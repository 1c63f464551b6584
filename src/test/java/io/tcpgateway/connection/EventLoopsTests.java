package io.tcpgateway.connection;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import io.tcpgateway.framing.Framing;
import io.tcpgateway.metrics.GatewayMeters;
import io.tcpgateway.test.TcpTestConnection;
import io.tcpgateway.testing.Lines;
import io.tcpgateway.testing.RunningGateway;
import org.junit.jupiter.api.Test;

import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Several event loops ({@code tcp-gateway.selector.event-loops=3}): connections spread
 * over them keep their order, their limits and their slow-consumer policy, and drain.
 */
class EventLoopsTests {

	private static final String THREE_LOOPS = "tcp-gateway.selector.event-loops=3";

	@Test
	void pipelinedRequestsOfManyConnectionsAreAnsweredInOrderOnTheirLoops() throws Exception {
		try (RunningGateway gateway = RunningGateway.start(THREE_LOOPS)) {
			List<TcpTestConnection> clients = new ArrayList<>();
			try {
				for (int i = 0; i < 24; i++) {
					clients.add(TcpTestConnection.open(gateway.port(), Framing.CRLF));
				}
				for (TcpTestConnection client : clients) {
					client.sendRaw(Lines.numbered(0, 500));
				}
				for (TcpTestConnection client : clients) {
					for (int line = 0; line < 500; line++) {
						assertThat(client.receiveString()).isEqualTo("line-" + line);
					}
				}
				assertThat(loopThreads()).contains("tcp-gateway-loop-0", "tcp-gateway-loop-1", "tcp-gateway-loop-2");
			}
			finally {
				clients.forEach(TcpTestConnection::close);
			}
		}
	}

	@Test
	void connectionPastMaxConnectionsIsClosedWhileTheOthersStillEcho() throws Exception {
		try (RunningGateway gateway = RunningGateway.start(THREE_LOOPS, "tcp-gateway.max-connections=4")) {
			List<TcpTestConnection> admitted = new ArrayList<>();
			try {
				for (int i = 0; i < 4; i++) {
					TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF);
					admitted.add(client);
					assertThat(client.echoes("hello " + i)).isTrue();
				}
				try (TcpTestConnection refused = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
					assertThat(refused.awaitClosed()).isTrue();
				}
				for (TcpTestConnection client : admitted) {
					assertThat(client.echoes("still here")).isTrue();
				}
				assertThat(gateway.counter(GatewayMeters.CONNECTIONS_REJECTED, "limit")).isEqualTo(1);
			}
			finally {
				admitted.forEach(TcpTestConnection::close);
			}
		}
	}

	@Test
	void requestsPastMaxInFlightWaitInTheSocketAndAreAllAnsweredInOrder() throws Exception {
		try (RunningGateway gateway = RunningGateway.start(THREE_LOOPS, "tcp-gateway.handler.max-in-flight=2",
				"tcp-gateway.selector.read-delay=5ms")) {
			List<TcpTestConnection> clients = new ArrayList<>();
			try {
				for (int i = 0; i < 6; i++) {
					TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF);
					clients.add(client);
					client.sendRaw(Lines.numbered(0, 300));
				}
				for (TcpTestConnection client : clients) {
					for (int line = 0; line < 300; line++) {
						assertThat(client.receiveString()).isEqualTo("line-" + line);
					}
				}
			}
			finally {
				clients.forEach(TcpTestConnection::close);
			}
		}
	}

	@Test
	void aClientWhoseRepliesPileUpIsClosedWhileTheOthersAreServed() throws Exception {
		try (RunningGateway gateway = RunningGateway.start(THREE_LOOPS, "tcp-gateway.outbound.slow-consumer=close",
				"tcp-gateway.outbound.max-pending=64KB");
				TcpTestConnection slow = TcpTestConnection.open(gateway.port(), Framing.CRLF);
				TcpTestConnection first = TcpTestConnection.open(gateway.port(), Framing.CRLF);
				TcpTestConnection second = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> writeLines(slow, 20_000));
			await().atMost(Duration.ofSeconds(10))
				.until(() -> gateway.counter(GatewayMeters.CONNECTIONS_CLOSED, "slow-consumer") == 1);
			assertThat(first.echoes("served meanwhile")).isTrue();
			assertThat(second.echoes("served meanwhile")).isTrue();
			writer.handle((ok, failure) -> null).get();
		}
	}

	@Test
	void everyFrameSentBeforeTheDrainIsAnswered() throws Exception {
		RunningGateway gateway = RunningGateway.start(THREE_LOOPS, "tcp-gateway.shutdown.grace-period=20s");
		int port = gateway.port();
		ApplicationAvailability availability = gateway.context().getBean(ApplicationAvailability.class);
		List<TcpTestConnection> clients = new ArrayList<>();
		try {
			for (int i = 0; i < 3; i++) {
				TcpTestConnection client = TcpTestConnection.open(port, Framing.CRLF);
				clients.add(client);
				assertThat(client.echoes("hello")).isTrue();
				client.sendRaw(Lines.numbered(0, 1000));
			}
			CompletableFuture<Void> stop = CompletableFuture.runAsync(gateway::close);
			await().atMost(Duration.ofSeconds(10))
				.until(() -> availability.getReadinessState() == ReadinessState.REFUSING_TRAFFIC);
			assertThatExceptionOfType(ConnectException.class)
				.isThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close());
			for (TcpTestConnection client : clients) {
				for (int line = 0; line < 1000; line++) {
					assertThat(client.receiveString()).isEqualTo("line-" + line);
				}
				assertThat(client.awaitClosed()).isTrue();
			}
			stop.get();
		}
		finally {
			clients.forEach(TcpTestConnection::close);
		}
	}

	private static Set<String> loopThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.map(Thread::getName)
			.filter(name -> name.startsWith("tcp-gateway-loop-"))
			.collect(Collectors.toSet());
	}

	/** Write 1000-byte lines without reading; ends early once the gateway closes. */
	private static void writeLines(TcpTestConnection client, int count) {
		try {
			OutputStream output = client.socket().getOutputStream();
			byte[] line = ("x".repeat(998) + "\r\n").getBytes(StandardCharsets.US_ASCII);
			for (int i = 0; i < count; i++) {
				output.write(line);
			}
			output.flush();
		}
		catch (IOException ex) {
			// closed by the gateway
		}
	}

}
