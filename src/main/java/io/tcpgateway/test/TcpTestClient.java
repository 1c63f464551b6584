package io.tcpgateway.test;

import javax.net.ssl.SSLContext;

import io.tcpgateway.framing.Framing;

import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

/**
 * Opens test connections to the gateway of the test's application context: it knows the
 * port the gateway is bound to and the framing it is configured with. Injected by
 * {@link TcpGatewayTest}.
 */
public class TcpTestClient {

	private final AbstractServerConnectionFactory factory;

	private final Framing framing;

	private final int maxMessageSize;

	public TcpTestClient(AbstractServerConnectionFactory factory, Framing framing, int maxMessageSize) {
		this.factory = factory;
		this.framing = framing;
		this.maxMessageSize = maxMessageSize;
	}

	/**
	 * @return the port the gateway listens on
	 */
	public int port() {
		return this.factory.getPort();
	}

	/**
	 * Connect to the gateway; close the connection when done (try-with-resources).
	 */
	public TcpTestConnection connect() {
		return TcpTestConnection.open(null, port(), this.framing, this.maxMessageSize);
	}

	/**
	 * Connect to the gateway over TLS; the handshake is done when this returns.
	 */
	public TcpTestConnection connectTls(SSLContext tls) {
		return TcpTestConnection.openTls(port(), this.framing, tls);
	}

}
