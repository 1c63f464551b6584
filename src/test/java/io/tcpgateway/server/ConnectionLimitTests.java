package io.tcpgateway.server;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.tcpgateway.framing.Framing;
import io.tcpgateway.metrics.GatewayMeters;
import io.tcpgateway.testing.FramedClient;
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
			List<FramedClient> admitted = new ArrayList<>();
			try {
				for (int i = 0; i < 3; i++) {
					FramedClient client = FramedClient.connect(gateway.port(), Framing.CRLF);
					admitted.add(client);
					assertThat(client.echoes("hello " + i)).isTrue();
				}
				try (FramedClient refused = FramedClient.connect(gateway.port(), Framing.CRLF)) {
					assertThat(refused.awaitClosed()).isTrue();
				}
				for (FramedClient client : admitted) {
					assertThat(client.echoes("still here")).isTrue();
				}
				assertThat(gateway.counter(GatewayMeters.CONNECTIONS_REJECTED, "limit")).isEqualTo(1);

				// capacity returns when a connection closes
				admitted.remove(0).close();
				await().atMost(Duration.ofSeconds(10)).until(() -> {
					try (FramedClient next = FramedClient.connect(gateway.port(), Framing.CRLF)) {
						return next.echoes("my turn");
					}
				});
			}
			finally {
				admitted.forEach(FramedClient::close);
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
				FramedClient first = FramedClient.connect(firstClient, gateway.port(), Framing.CRLF, 1024);
				FramedClient second = FramedClient.connect(firstClient, gateway.port(), Framing.CRLF, 1024);
				FramedClient third = FramedClient.connect(firstClient, gateway.port(), Framing.CRLF, 1024);
				FramedClient elsewhere = FramedClient.connect(secondClient, gateway.port(), Framing.CRLF, 1024)) {
			assertThat(first.echoes("1")).isTrue();
			assertThat(second.echoes("2")).isTrue();
			assertThat(third.awaitClosed()).isTrue();
			assertThat(elsewhere.echoes("from another address")).isTrue();
		}
	}

}
