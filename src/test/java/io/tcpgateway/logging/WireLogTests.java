package io.tcpgateway.logging;

import java.time.Duration;

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
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * At TRACE the wire log shows each read and write as a hex dump; at INFO it shows
 * nothing.
 */
@ExtendWith(OutputCaptureExtension.class)
class WireLogTests {

	/** "hello" and CR LF, as the dump shows them. */
	private static final String HELLO_ROW = "|00000000| 68 65 6c 6c 6f 0d 0a                            |hello..         |";

	@ParameterizedTest
	@EnumSource(IoMode.class)
	void traceShowsTheHexOfEachReadAndWrite(IoMode mode, CapturedOutput output) {
		try (RunningGateway gateway = RunningGateway.start("tcp-gateway.io-mode=" + mode,
				"logging.level.io.tcpgateway.wire=trace");
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			assertThat(client.echoes("hello")).isTrue();
			await().atMost(Duration.ofSeconds(10)).until(() -> output.getOut().contains("] WRITE: 7B"));
			assertThat(settled(output).getOut()).contains("] READ: 7B").contains(HELLO_ROW);
			assertThat(settled(output).getOut().lines().filter(HELLO_ROW::equals)).hasSize(2);
		}
	}

	@Test
	void dumpsAtMostMaxBytesOfOneRead(CapturedOutput output) {
		try (RunningGateway gateway = RunningGateway.start("logging.level.io.tcpgateway.wire=trace",
				"tcp-gateway.wire-log.max-bytes=16B");
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			String line = "0123456789abcdef".repeat(4);
			assertThat(client.echoes(line)).isTrue();
			await().atMost(Duration.ofSeconds(10)).until(() -> output.getOut().contains("] WRITE: 66B (the first 16)"));
			assertThat(settled(output).getOut()).contains("] READ: 66B (the first 16)")
				.contains("|00000000| 30 31 32 33 34 35 36 37 38 39 61 62 63 64 65 66 |0123456789abcdef|")
				.doesNotContain("|00000010|");
		}
	}

	@Test
	void infoShowsNothing(CapturedOutput output) {
		try (RunningGateway gateway = RunningGateway.start();
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			assertThat(client.echoes("hello")).isTrue();
		}
		assertThat(settled(output).getOut()).doesNotContain("READ:").doesNotContain("WRITE:").doesNotContain(HELLO_ROW);
	}

}
