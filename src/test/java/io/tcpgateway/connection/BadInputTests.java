package io.tcpgateway.connection;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.stream.Stream;

import io.tcpgateway.framing.Framing;
import io.tcpgateway.metrics.GatewayMeters;
import io.tcpgateway.test.TcpTestConnection;
import io.tcpgateway.testing.RunningGateway;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static io.tcpgateway.testing.LogLines.settled;
import static io.tcpgateway.testing.Lines.ascii;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each kind of bad input closes only its own connection, with one WARN line naming the
 * client, the limit and the value, and is counted by reason.
 */
@ExtendWith(OutputCaptureExtension.class)
class BadInputTests {

	static Stream<Arguments> badInputs() {
		return Arrays.stream(IoMode.values())
			.flatMap(mode -> Stream.of(
					Arguments.of(mode, "oversize line", Framing.CRLF,
							(Consumer<TcpTestConnection>) client -> client.sendRaw(new byte[2048]), "oversize",
							"frame length (", "exceeds the allowed maximum (1024)"),
					Arguments.of(mode, "length header over the limit", Framing.LENGTH_HEADER_4,
							(Consumer<TcpTestConnection>) client -> client.sendRaw(header(5000)), "oversize",
							"frame length (5000) exceeds the allowed maximum (1024)", ""),
					Arguments.of(mode, "negative length header", Framing.LENGTH_HEADER_4,
							(Consumer<TcpTestConnection>) client -> client.sendRaw(header(-5)), "malformed",
							"frame length (-5) in the header is negative", ""),
					Arguments.of(mode, "missing STX", Framing.STX_ETX,
							(Consumer<TcpTestConnection>) client -> client.sendRaw(ascii("hello\u0003")), "malformed",
							"expected 0x02 at the start of a frame but got 0x68", ""),
					Arguments.of(mode, "missing MLLP start byte", Framing.MLLP,
							(Consumer<TcpTestConnection>) client -> client.sendRaw(ascii("MSH|\u001c\r")), "malformed",
							"expected 0x0b at the start of a frame but got 0x4d", ""),
					Arguments.of(mode, "reset inside a frame", Framing.CRLF,
							(Consumer<TcpTestConnection>) BadInputTests::resetMidFrame, "truncated",
							"inside a frame (7 bytes of an incomplete frame received)", "")));
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("badInputs")
	void badInputClosesOnlyItsConnection(IoMode mode, String description, Framing framing,
			Consumer<TcpTestConnection> misbehave, String reason, String expectedLog, String expectedLogEnd,
			CapturedOutput output) {
		try (RunningGateway gateway = RunningGateway.start("tcp-gateway.io-mode=" + mode,
				"tcp-gateway.framing=" + framing, "tcp-gateway.max-message-size=1KB");
				TcpTestConnection bystander = TcpTestConnection.open(gateway.port(), framing);
				TcpTestConnection offender = TcpTestConnection.open(gateway.port(), framing)) {
			bystander.send("before");
			assertThat(bystander.receiveString()).isEqualTo("before");
			int offenderPort = offender.socket().getLocalPort();

			misbehave.accept(offender);
			await().atMost(Duration.ofSeconds(10))
				.until(() -> gateway.counter(GatewayMeters.FRAME_ERRORS, reason) == 1);
			if (!offender.socket().isClosed()) {
				assertThat(offender.awaitClosed()).isTrue();
			}

			bystander.send("after");
			assertThat(bystander.receiveString()).isEqualTo("after");
			HealthIndicator health = gateway.context().getBean("tcpGateway", HealthIndicator.class);
			assertThat(health.health().getStatus()).isEqualTo(Status.UP);
			assertThat(settled(output)).contains("WARN")
				.contains("Closing connection from 127.0.0.1:" + offenderPort + ": ")
				.contains(expectedLog)
				.contains(expectedLogEnd)
				.doesNotContain(" ERROR ");
		}
	}

	private static void resetMidFrame(TcpTestConnection client) {
		client.sendRaw(ascii("partial"));
		try {
			// give the gateway time to read the partial frame, then reset (RST, not FIN)
			Thread.sleep(200);
			client.socket().setSoLinger(true, 0);
			client.close();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] header(int length) {
		return ByteBuffer.allocate(4).putInt(length).array();
	}

}
