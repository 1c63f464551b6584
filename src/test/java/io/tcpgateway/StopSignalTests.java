package io.tcpgateway;

import java.nio.file.Path;

import io.tcpgateway.framing.Framing;
import io.tcpgateway.test.TcpTestConnection;
import io.tcpgateway.testing.GatewayProcess;
import io.tcpgateway.testing.Lines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real process, stopped with SIGTERM while a client pipelines: it drains and exits
 * with status 0.
 */
class StopSignalTests {

	@Test
	void sigtermDrainsAndExitsWithZero(@TempDir Path workDir) throws Exception {
		try (GatewayProcess gateway = GatewayProcess.start(workDir);
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			assertThat(client.echoes("ready")).isTrue();
			client.sendRaw(Lines.numbered(0, 1000));
			gateway.terminate();
			for (int i = 0; i < 1000; i++) {
				assertThat(client.receiveString()).isEqualTo("line-" + i);
			}
			assertThat(client.awaitClosed()).isTrue();
			assertThat(gateway.awaitExit()).as(gateway.log()).isZero();
			assertThat(gateway.log()).contains("Drained").doesNotContain(" ERROR ");
		}
	}

}
