package io.tcpgateway.connection;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.tcpgateway.framing.Framing;
import io.tcpgateway.test.TcpTestConnection;
import io.tcpgateway.testing.Lines;
import io.tcpgateway.testing.RunningGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the stock Spring Integration NIO server gets wrong, checked on the default (NIO,
 * CRLF) gateway.
 */
class EchoBehaviourTests {

	private static RunningGateway gateway;

	@BeforeAll
	static void startGateway() {
		gateway = RunningGateway.start("tcp-gateway.max-message-size=1KB");
	}

	@AfterAll
	static void stopGateway() {
		gateway.close();
	}

	@Test
	void pipelinedLinesAreAnsweredInOrder() {
		try (TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			client.sendRaw(Lines.numbered(0, 1000));
			for (int i = 0; i < 1000; i++) {
				assertThat(client.receiveString()).isEqualTo("line-" + i);
			}
		}
	}

	@Test
	void lineSentOneByteAtATimeIsEchoedWhole() {
		try (TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			for (byte b : "trickle\r\n".getBytes(StandardCharsets.US_ASCII)) {
				client.sendRaw(new byte[] { b });
			}
			assertThat(client.receiveString()).isEqualTo("trickle");
		}
	}

	@Test
	void concurrentClientsOnlySeeTheirOwnReplies() throws Exception {
		ExecutorService clients = Executors.newFixedThreadPool(100);
		try {
			List<Callable<Void>> tasks = new ArrayList<>();
			for (int c = 0; c < 100; c++) {
				int clientNo = c;
				tasks.add(() -> {
					try (TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
						for (int i = 0; i < 20; i++) {
							client.send("client-" + clientNo + "-" + i);
						}
						for (int i = 0; i < 20; i++) {
							assertThat(client.receiveString()).isEqualTo("client-" + clientNo + "-" + i);
						}
					}
					return null;
				});
			}
			for (Future<Void> result : clients.invokeAll(tasks, 60, TimeUnit.SECONDS)) {
				result.get();
			}
		}
		finally {
			clients.shutdownNow();
		}
	}

	@RepeatedTest(20)
	void halfClosedClientStillGetsItsReply() {
		// printf 'hello\r\n' | nc -q1 host port
		try (TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			client.sendRaw("hello\r\n".getBytes(StandardCharsets.US_ASCII)).shutdownOutput();
			assertThat(client.receiveString()).isEqualTo("hello");
			assertThat(client.awaitClosed()).isTrue();
		}
	}

	@Test
	void oversizeFrameClosesOnlyItsConnection() {
		try (TcpTestConnection bystander = TcpTestConnection.open(gateway.port(), Framing.CRLF);
				TcpTestConnection offender = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			bystander.send("before");
			assertThat(bystander.receiveString()).isEqualTo("before");

			offender.sendRaw(new byte[2048]);
			assertThat(offender.awaitClosed()).isTrue();

			bystander.send("after");
			assertThat(bystander.receiveString()).isEqualTo("after");
		}
	}

	@Test
	void threadsDoNotGrowWithTheNumberOfConnections() {
		long before = gatewayThreads();
		List<TcpTestConnection> clients = new ArrayList<>();
		try {
			for (int i = 0; i < 300; i++) {
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF);
				clients.add(client);
				client.send("c" + i);
			}
			for (int i = 0; i < clients.size(); i++) {
				assertThat(clients.get(i).receiveString()).isEqualTo("c" + i);
			}
			// the event loops start with the server: no thread per connection
			assertThat(gatewayThreads()).isLessThanOrEqualTo(before);
		}
		finally {
			clients.forEach(TcpTestConnection::close);
		}
	}

	/**
	 * Gateway threads in this JVM; other gateways of earlier tests may still run here.
	 */
	private static long gatewayThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter(thread -> thread.getName().startsWith("tcp-gateway-"))
			.count();
	}

}
