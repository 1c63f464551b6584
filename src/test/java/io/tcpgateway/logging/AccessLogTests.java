package io.tcpgateway.logging;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;

import io.tcpgateway.connection.GatewayThreadFactory;
import io.tcpgateway.connection.IoMode;
import io.tcpgateway.framing.Framing;
import io.tcpgateway.test.TcpTestConnection;
import io.tcpgateway.testing.RunningGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static io.tcpgateway.testing.LogLines.settled;
import static io.tcpgateway.testing.Lines.ascii;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With the access log on, each closed connection leaves one INFO line with its client,
 * its traffic and why it closed; its writer thread is the lifecycle's, started by the
 * start and never by the constructor, and the stop writes out what is queued.
 */
@ExtendWith(OutputCaptureExtension.class)
class AccessLogTests {

	@ParameterizedTest
	@EnumSource(IoMode.class)
	void closedConnectionLeavesOneLineWithItsClientPortAndTraffic(IoMode mode, CapturedOutput output) {
		try (RunningGateway gateway = RunningGateway.start("tcp-gateway.io-mode=" + mode,
				"tcp-gateway.access-log.enabled=true")) {
			int clientPort;
			try (TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
				clientPort = client.socket().getLocalPort();
				assertThat(client.echoes("hello")).isTrue();
				assertThat(client.echoes("world!")).isTrue();
			}
			String expected = "127.0.0.1:" + clientPort + " -> :" + gateway.port() + " id=";
			String line = await().atMost(Duration.ofSeconds(10))
				.until(() -> output.getOut().lines().filter((l) -> l.contains(expected)).findFirst().orElse(null),
						(found) -> found != null);
			// 7 + 8 bytes each way, two messages, closed by the client
			assertThat(line).contains("INFO")
				.contains(AccessLog.LOGGER_NAME)
				.contains("bytes-in=15 bytes-out=15 messages-in=2 messages-out=2 reason=client")
				.contains("opened=")
				.containsPattern("duration=\\d+ms");
			assertThat(settled(output).getOut().lines().filter((l) -> l.contains(expected))).hasSize(1);
		}
	}

	@Test
	void behindAProxyTheLineNamesTheClientFromItsHeader(CapturedOutput output) {
		try (RunningGateway gateway = RunningGateway.start("tcp-gateway.access-log.enabled=true",
				"tcp-gateway.proxy-protocol.mode=v1", "tcp-gateway.proxy-protocol.trusted-proxies=127.0.0.0/8")) {
			try (TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
				client.sendRaw(ascii("PROXY TCP4 203.0.113.7 10.0.0.1 56324 9000\r\nhello\r\n"));
				assertThat(client.receiveString()).isEqualTo("hello");
			}
			String line = await().atMost(Duration.ofSeconds(10))
				.until(() -> output.getOut()
					.lines()
					.filter((l) -> l.contains("203.0.113.7:56324 -> :" + gateway.port()))
					.findFirst()
					.orElse(null), (found) -> found != null);
			// the PROXY header is counted among the bytes read
			assertThat(line).contains("messages-in=1 messages-out=1 reason=client").contains("bytes-out=7");
		}
	}

	@Test
	void structuredLoggingPrintsEachValueAsAJsonField(CapturedOutput output) {
		try (RunningGateway gateway = RunningGateway.start("tcp-gateway.access-log.enabled=true",
				"logging.structured.format.console=ecs")) {
			int clientPort;
			try (TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
				clientPort = client.socket().getLocalPort();
				assertThat(client.echoes("hello")).isTrue();
			}
			String line = await().atMost(Duration.ofSeconds(10))
				.until(() -> output.getOut()
					.lines()
					.filter((l) -> l.contains("\"" + AccessLog.LOGGER_NAME + "\""))
					.findFirst()
					.orElse(null), (found) -> found != null);
			assertThat(line).startsWith("{")
				.contains("\"client\":{\"address\":\"127.0.0.1\",\"port\":" + clientPort + ",\"bytes\":7}")
				.contains("\"server\":{\"port\":" + gateway.port() + ",\"bytes\":7}")
				.contains("\"reason\":\"client\"");
		}
	}

	@Test
	void constructingItStartsNoThreadTheStartDoesAndTheStopEndsIt() {
		List<Thread> made = new CopyOnWriteArrayList<>();
		AccessLog accessLog = new AccessLog(true, recording(made));
		assertThat(made).isEmpty();
		assertThat(accessLog.isRunning()).isFalse();
		accessLog.start();
		assertThat(made).singleElement().satisfies((writer) -> {
			assertThat(writer.getName()).isEqualTo("tcp-gateway-access-log");
			assertThat(writer.isAlive()).isTrue();
		});
		assertThat(accessLog.isRunning()).isTrue();
		accessLog.stop();
		assertThat(accessLog.isRunning()).isFalse();
		await().atMost(Duration.ofSeconds(10)).until(() -> !made.get(0).isAlive());
	}

	@Test
	void disabledItStartsNoThreadAtAll() {
		List<Thread> made = new CopyOnWriteArrayList<>();
		AccessLog accessLog = new AccessLog(false, recording(made));
		accessLog.start();
		assertThat(accessLog.isRunning()).isFalse();
		assertThat(made).isEmpty();
	}

	@Test
	void linesQueuedBeforeTheStartAreWrittenAndTheStopWritesOutTheRest(CapturedOutput output) {
		AccessLog accessLog = new AccessLog(true, recording(new CopyOnWriteArrayList<>()));
		accessLog.closed(entry("before-start"));
		accessLog.start();
		accessLog.closed(entry("before-stop"));
		accessLog.stop();
		assertThat(settled(output).getOut()).contains("id=before-start").contains("id=before-stop");
	}

	@Test
	void offByDefault(CapturedOutput output) {
		try (RunningGateway gateway = RunningGateway.start();
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			assertThat(client.echoes("hello")).isTrue();
		}
		assertThat(settled(output).getOut()).doesNotContain(AccessLog.LOGGER_NAME);
	}

	/** The gateway's writer thread, each one recorded. */
	private static ThreadFactory recording(List<Thread> made) {
		return (task) -> {
			Thread thread = GatewayThreadFactory.named("tcp-gateway-access-log", true, task);
			made.add(thread);
			return thread;
		};
	}

	private static AccessLogEntry entry(String connectionId) {
		return new AccessLogEntry(connectionId, new InetSocketAddress("127.0.0.1", 40000), 9000, Instant.now(),
				Duration.ofMillis(5), 7, 7, 1, 1, "client");
	}

}
