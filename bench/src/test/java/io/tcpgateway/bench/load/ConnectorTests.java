package io.tcpgateway.bench.load;

import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Connections past one source address's ports go out from the next loopback address.
 */
class ConnectorTests {

	@Test
	void connectionsPastOneSourcesPortsUseTheNextLoopbackAddress() throws Exception {
		try (TestEchoServer server = TestEchoServer.start(TestEchoServer.Behaviour.ECHO)) {
			Connector connector = new Connector(new InetSocketAddress("127.0.0.1", server.port()), 10, 5_000_000_000L,
					new PrintStream(PrintStream.nullOutputStream()));
			assertThat(connector.sourceFor(0)).isNull();
			assertThat(connector.sourceFor(Connector.PORTS_PER_SOURCE - 1)).isNull();
			assertThat(connector.sourceFor(Connector.PORTS_PER_SOURCE).getHostString()).isEqualTo("127.0.0.2");
			assertThat(connector.sourceFor(2 * Connector.PORTS_PER_SOURCE + 7).getHostString()).isEqualTo("127.0.0.3");

			// a channel bound to the second address connects as the connector's would
			try (SocketChannel channel = SocketChannel.open()) {
				channel.bind(connector.sourceFor(Connector.PORTS_PER_SOURCE));
				channel.connect(new InetSocketAddress("127.0.0.1", server.port()));
				assertThat(((InetSocketAddress) channel.getLocalAddress()).getHostString()).isEqualTo("127.0.0.2");
			}
		}
	}

}
