package io.tcpgateway.proxy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;

import io.tcpgateway.connection.Connection;
import io.tcpgateway.connection.ConnectionRegistry;
import io.tcpgateway.connection.IoMode;
import io.tcpgateway.framing.Framing;
import io.tcpgateway.metrics.GatewayMeters;
import io.tcpgateway.test.TcpTestConnection;
import io.tcpgateway.testing.RunningGateway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static io.tcpgateway.testing.Lines.ascii;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Connections that start with a PROXY protocol header, over real sockets in both I/O
 * modes.
 */
class ProxyProtocolSocketTests {

	@ParameterizedTest
	@EnumSource(IoMode.class)
	void clientAddressFromTheHeaderReplacesTheSocketPeer(IoMode mode) throws Exception {
		try (RunningGateway gateway = RunningGateway.start("tcp-gateway.io-mode=" + mode,
				"tcp-gateway.proxy-protocol.mode=any", "tcp-gateway.proxy-protocol.trusted-proxies=127.0.0.0/8");
				TcpTestConnection v1 = TcpTestConnection.open(gateway.port(), Framing.CRLF);
				TcpTestConnection v2 = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			// the header split over two writes, the first frame right behind it
			v1.sendRaw(ascii("PROXY TCP4 203.0.113.7 10.0.0.1 5"));
			v1.sendRaw(ascii("6324 9000\r\nhello\r\n"));
			assertThat(v1.receiveString()).isEqualTo("hello");
			v2.sendRaw(ProxyProtocolDecoderTests.v2(0x21, 0x11, new byte[] { (byte) 198, 51, 100, 9 },
					new byte[] { 10, 0, 0, 1 }, 40000, 9000, 0));
			assertThat(v2.echoes("binary header")).isTrue();

			ConnectionRegistry connections = gateway.context().getBean(ConnectionRegistry.class);
			assertThat(connections.live()).extracting(Connection::remoteSocketAddress)
				.contains(new InetSocketAddress(InetAddress.getByName("203.0.113.7"), 56324),
						new InetSocketAddress(InetAddress.getByName("198.51.100.9"), 40000));
		}
	}

	@ParameterizedTest
	@EnumSource(IoMode.class)
	void missingHeaderOrUntrustedPeerIsClosedAndCounted(IoMode mode) {
		try (RunningGateway required = RunningGateway.start("tcp-gateway.io-mode=" + mode,
				"tcp-gateway.proxy-protocol.mode=v1", "tcp-gateway.proxy-protocol.trusted-proxies=127.0.0.0/8");
				TcpTestConnection noHeader = TcpTestConnection.open(required.port(), Framing.CRLF)) {
			noHeader.sendRaw(ascii("hello\r\n"));
			assertThat(noHeader.awaitClosed()).isTrue();
			await().atMost(Duration.ofSeconds(10))
				.until(() -> required.counter(GatewayMeters.CONNECTIONS_CLOSED, "proxy") == 1);
		}
		try (RunningGateway elsewhere = RunningGateway.start("tcp-gateway.io-mode=" + mode,
				"tcp-gateway.proxy-protocol.mode=v1", "tcp-gateway.proxy-protocol.trusted-proxies=10.0.0.0/8");
				TcpTestConnection untrusted = TcpTestConnection.open(elsewhere.port(), Framing.CRLF)) {
			untrusted.sendRaw(ascii("PROXY TCP4 203.0.113.7 10.0.0.1 56324 9000\r\nhello\r\n"));
			assertThat(untrusted.awaitClosed()).isTrue();
			await().atMost(Duration.ofSeconds(10))
				.until(() -> elsewhere.counter(GatewayMeters.CONNECTIONS_CLOSED, "proxy") == 1);
		}
	}

	@ParameterizedTest
	@EnumSource(IoMode.class)
	void headerThatNeverComesIsTimedOut(IoMode mode) {
		try (RunningGateway gateway = RunningGateway.start("tcp-gateway.io-mode=" + mode,
				"tcp-gateway.proxy-protocol.mode=v2", "tcp-gateway.proxy-protocol.trusted-proxies=127.0.0.1",
				"tcp-gateway.proxy-protocol.header-timeout=300ms");
				TcpTestConnection silent = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			assertThat(silent.awaitClosed()).isTrue();
			await().atMost(Duration.ofSeconds(10))
				.until(() -> gateway.counter(GatewayMeters.CONNECTIONS_CLOSED, "proxy") == 1);
		}
	}

	@ParameterizedTest
	@EnumSource(IoMode.class)
	void perClientLimitCountsTheRealClient(IoMode mode) {
		// every peer trusted, written as the README tells an operator who means it
		try (RunningGateway gateway = RunningGateway.start("tcp-gateway.io-mode=" + mode,
				"tcp-gateway.proxy-protocol.mode=v1", "tcp-gateway.proxy-protocol.trusted-proxies=0.0.0.0/0,::/0",
				"tcp-gateway.max-connections-per-client=1");
				TcpTestConnection first = withHeader(gateway, "203.0.113.7", 1000)) {
			assertThat(first.echoes("first")).isTrue();
			try (TcpTestConnection sameClient = withHeader(gateway, "203.0.113.7", 1001);
					TcpTestConnection otherClient = withHeader(gateway, "203.0.113.8", 1000)) {
				assertThat(sameClient.awaitClosed()).isTrue();
				assertThat(otherClient.echoes("other")).isTrue();
			}
		}
	}

	private static TcpTestConnection withHeader(RunningGateway gateway, String source, int port) {
		TcpTestConnection connection = TcpTestConnection.open(gateway.port(), Framing.CRLF);
		return connection.sendRaw(ascii("PROXY TCP4 " + source + " 10.0.0.1 " + port + " 9000\r\n"));
	}

}
