package io.tcpgateway.logging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import io.tcpgateway.connection.IoMode;
import io.tcpgateway.framing.Framing;
import io.tcpgateway.handler.TcpMessageHandler;
import io.tcpgateway.metrics.GatewayMeters;
import io.tcpgateway.test.TcpTestConnection;
import io.tcpgateway.testing.GatewayProcess;
import io.tcpgateway.testing.RunningGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;

import static io.tcpgateway.testing.LogLines.settled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a client sends cannot forge a log line, and a flood of bad clients does not flood
 * the log.
 */
@ExtendWith(OutputCaptureExtension.class)
class ClientLogLinesTests {

	private static final String FORGED = "ERROR 1 --- [main] forged : admin logged in";

	@ParameterizedTest
	@EnumSource(IoMode.class)
	void proxyHeaderWithLineBreakAndEscapeCannotForgeALogLine(IoMode mode, CapturedOutput output) {
		try (RunningGateway gateway = RunningGateway.start("tcp-gateway.io-mode=" + mode,
				"tcp-gateway.proxy-protocol.mode=v1", "tcp-gateway.proxy-protocol.trusted-proxies=127.0.0.1/32");
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			client.sendRaw(latin1("PROXY TCP4 203.0.113.7\n" + FORGED + "\u001b[2K 10.0.0.1 1 2\r\n"));
			assertThat(client.awaitClosed()).isTrue();
			String line = await().atMost(Duration.ofSeconds(10))
				.until(() -> output.getOut()
					.lines()
					.filter((l) -> l.contains("malformed PROXY v1 header"))
					.findFirst()
					.orElse(null), Objects::nonNull);
			assertThat(line).contains("WARN").contains("203.0.113.7\\n" + FORGED + "\\x1b[2K 10.0.0.1");
			assertThat(settled(output).getOut().lines()).noneMatch((l) -> l.startsWith(FORGED));
			assertThat(settled(output).getOut()).doesNotContain("\u001b");
		}
	}

	@Test
	void exceptionMessageCarryingAClientsBytesCannotForgeALogLine(CapturedOutput output) {
		try (RunningGateway gateway = RunningGateway.start(RejectingHandler.class,
				"tcp-gateway.framing=length-header-2", "tcp-gateway.handler.on-error=close");
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.LENGTH_HEADER_2)) {
			client.send(latin1("hello\n" + FORGED + "\u001b[2K"));
			assertThat(client.awaitClosed()).isTrue();
			await().atMost(Duration.ofSeconds(10)).until(() -> output.getOut().contains("Message handler failed"));
			String logged = settled(output).getOut();
			assertThat(logged).contains("IllegalStateException: rejected hello\\n" + FORGED + "\\x1b[2K")
				.contains("\tat " + RejectingHandler.class.getName())
				.doesNotContain("\u001b");
			assertThat(logged.lines()).noneMatch((l) -> l.startsWith(FORGED));
		}
	}

	@Test
	void exceptionMessageIsEscapedInTheLogFileToo(@TempDir Path dir) throws IOException {
		Path file = dir.resolve("file.log");
		try (GatewayProcess gateway = GatewayProcess.start(dir,
				"--spring.main.sources=" + RejectingHandler.class.getName(), "--tcp-gateway.framing=length-header-2",
				"--tcp-gateway.handler.on-error=close", "--logging.file.name=" + file);
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.LENGTH_HEADER_2)) {
			client.send(latin1("hello\n" + FORGED + "\u001b[2K"));
			assertThat(client.awaitClosed()).isTrue();
			String escaped = "IllegalStateException: rejected hello\\n" + FORGED + "\\x1b[2K";
			// one event is written at once, its stack trace with it
			await().atMost(Duration.ofSeconds(10))
				.until(() -> Files.readString(file).contains(escaped) && gateway.log().contains(escaped));
			for (String logged : List.of(Files.readString(file), gateway.log())) {
				assertThat(logged).contains("\tat " + RejectingHandler.class.getName()).doesNotContain("\u001b");
				assertThat(logged.lines()).noneMatch((l) -> l.startsWith(FORGED));
			}
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "ecs", "logstash", "gelf" })
	void structuredLogsEscapeAnExceptionMessageAsJson(String format, CapturedOutput output) {
		try (RunningGateway gateway = RunningGateway.start(RejectingHandler.class,
				"tcp-gateway.framing=length-header-2", "tcp-gateway.handler.on-error=close",
				"logging.structured.format.console=" + format);
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.LENGTH_HEADER_2)) {
			client.send(latin1("hello\n" + FORGED + "\u001b[2K"));
			assertThat(client.awaitClosed()).isTrue();
			await().atMost(Duration.ofSeconds(10)).until(() -> output.getOut().contains("Message handler failed"));
			String logged = settled(output).getOut();
			String line = logged.lines().filter((l) -> l.contains("Message handler failed")).findFirst().orElseThrow();
			assertThat(line).startsWith("{")
				.endsWith("}")
				.contains("rejected hello\\n" + FORGED)
				.contains("\\tat " + RejectingHandler.class.getName());
			assertThat(logged).doesNotContain("\u001b");
			assertThat(logged.lines()).noneMatch((l) -> l.startsWith(FORGED));
		}
	}

	@Test
	void oneWarningStandsForAFloodOfBadFrames(CapturedOutput output) {
		try (RunningGateway gateway = RunningGateway.start("tcp-gateway.max-message-size=16B")) {
			for (int i = 0; i < 20; i++) {
				try (TcpTestConnection offender = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
					offender.sendRaw(latin1("x".repeat(64) + "\r\n"));
					assertThat(offender.awaitClosed()).isTrue();
				}
			}
			await().atMost(Duration.ofSeconds(10))
				.until(() -> gateway.counter(GatewayMeters.FRAME_ERRORS, "oversize") == 20);
			try (TcpTestConnection bystander = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
				assertThat(bystander.echoes("still here")).isTrue();
			}
			await().atMost(Duration.ofSeconds(10)).until(() -> warnings(output).size() == 1);
			assertThat(warnings(output).get(0)).contains("(logged at most once a minute)");
		}
	}

	/** Fails every request with an exception whose message holds the request. */
	static class RejectingHandler {

		@Bean
		TcpMessageHandler rejecting() {
			return (request, replies) -> {
				throw new IllegalStateException("rejected " + request.asString());
			};
		}

	}

	private static List<String> warnings(CapturedOutput output) {
		return output.getOut().lines().filter((l) -> l.contains(" WARN ") && l.contains("Closing connection")).toList();
	}

	private static byte[] latin1(String text) {
		return text.getBytes(StandardCharsets.ISO_8859_1);
	}

}
