package com.example.host;

import java.nio.file.Path;

import io.tcpgateway.framing.Framing;
import io.tcpgateway.test.TcpTestConnection;
import io.tcpgateway.testing.GatewayProcess;
import io.tcpgateway.testing.Lines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A host application's process, stopped with SIGTERM while a client pipelines: Spring
 * Boot's shutdown hook closes the context and the gateway drains as it does in its own
 * application, but the process exits as the JVM decides (128 + 15): signal handling
 * belongs to the host, and only the gateway's own application turns a drained stop into
 * status 0.
 */
class HostStopTests {

	private static final int SIGTERM_EXIT = 128 + 15;

	@Test
	void sigtermDrainsTheGatewayAndLeavesTheExitStatusToTheJvm(@TempDir Path workDir) throws Exception {
		try (GatewayProcess host = GatewayProcess.startApplication(HostApplication.class, workDir);
				TcpTestConnection client = TcpTestConnection.open(host.port(), Framing.CRLF)) {
			assertThat(client.echoes("ready")).isTrue();
			client.sendRaw(Lines.numbered(0, 1000));
			host.terminate();
			for (int i = 0; i < 1000; i++) {
				assertThat(client.receiveString()).isEqualTo("line-" + i);
			}
			assertThat(client.awaitClosed()).isTrue();
			assertThat(host.awaitExit()).as(host.log()).isEqualTo(SIGTERM_EXIT);
			assertThat(host.log()).contains("Drained").doesNotContain(" ERROR ");
		}
	}

}
