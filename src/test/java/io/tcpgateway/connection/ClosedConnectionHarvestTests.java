package io.tcpgateway.connection;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.tcpgateway.framing.Framing;
import io.tcpgateway.test.TcpTestConnection;
import io.tcpgateway.testing.RunningGateway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Closed connections leave the connection factory's books, though the factory no longer
 * walks its connections on its I/O path, and even when nothing else happens on the
 * gateway after they closed.
 */
class ClosedConnectionHarvestTests {

	@ParameterizedTest
	@EnumSource(IoMode.class)
	void closedConnectionsAreDroppedFromTheFactoryWhileOpenOnesStay(IoMode mode) throws Exception {
		try (RunningGateway gateway = RunningGateway.start("tcp-gateway.io-mode=" + mode)) {
			ServerControls server = gateway.context().getBean(GatewayServer.class).controls();
			List<TcpTestConnection> clients = new ArrayList<>();
			try (TcpTestConnection stays = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
				assertThat(stays.echoes("staying")).isTrue();
				for (int i = 0; i < 20; i++) {
					TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF);
					clients.add(client);
					assertThat(client.echoes("hello " + i)).isTrue();
				}
				assertThat(server.heldConnectionCount()).isEqualTo(21);
				clients.forEach(TcpTestConnection::close);

				await().atMost(Duration.ofSeconds(10)).until(() -> server.heldConnectionCount() == 1);
				assertThat(gateway.connectionFactory().getOpenConnectionIds()).hasSize(1);
				assertThat(stays.echoes("still here")).isTrue();
			}
			finally {
				clients.forEach(TcpTestConnection::close);
			}
		}
	}

}
