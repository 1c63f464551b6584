package io.tcpgateway.limits;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.tcpgateway.connection.IoMode;
import io.tcpgateway.framing.Framing;
import io.tcpgateway.metrics.GatewayMeters;
import io.tcpgateway.test.TcpTestConnection;
import io.tcpgateway.testing.RunningGateway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Connections past the limits are closed at once, and only they are.
 */
class ConnectionLimitTests {

	@ParameterizedTest
	@EnumSource(IoMode.class)
	void connectionPastMaxConnectionsIsClosedWhileTheOthersStillEcho(IoMode mode) throws Exception {
		try (RunningGateway gateway = RunningGateway.start("tcp-gateway.max-connections=3",
				"tcp-gateway.io-mode=" + mode)) {
			List<TcpTestConnection> admitted = new ArrayList<>();
			try {
				for (int i = 0; i < 3; i++) {
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

				// capacity returns when a connection closes
				admitted.remove(0).close();
				await().atMost(Duration.ofSeconds(10)).until(() -> {
					try (TcpTestConnection next = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
						return next.echoes("my turn");
					}
				});
			}
			finally {
				admitted.forEach(TcpTestConnection::close);
			}
		}
	}

	@ParameterizedTest
	@EnumSource(IoMode.class)
	void connectionPastThePerClientLimitIsClosedWhileOtherClientsConnect(IoMode mode) throws Exception {
		InetAddress firstClient = InetAddress.getByName("127.0.0.1");
		InetAddress secondClient = InetAddress.getByName("127.0.0.2");
		try (RunningGateway gateway = RunningGateway.start("tcp-gateway.max-connections-per-client=2",
				"tcp-gateway.io-mode=" + mode);
				TcpTestConnection first = TcpTestConnection.open(firstClient, gateway.port(), Framing.CRLF, 1024);
				TcpTestConnection second = TcpTestConnection.open(firstClient, gateway.port(), Framing.CRLF, 1024);
				TcpTestConnection third = TcpTestConnection.open(firstClient, gateway.port(), Framing.CRLF, 1024);
				TcpTestConnection elsewhere = TcpTestConnection.open(secondClient, gateway.port(), Framing.CRLF,
						1024)) {
			assertThat(first.echoes("1")).isTrue();
			assertThat(second.echoes("2")).isTrue();
			assertThat(third.awaitClosed()).isTrue();
			assertThat(elsewhere.echoes("from another address")).isTrue();
		}
	}

}
