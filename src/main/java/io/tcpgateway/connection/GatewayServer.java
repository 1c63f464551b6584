package io.tcpgateway.connection;

import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

/**
 * The gateway's TCP listener: Spring Integration's server connection factory, which the
 * channel adapters and events use, together with the gateway's own controls over it.
 */
public final class GatewayServer {

	private final AbstractServerConnectionFactory factory;

	private final ServerControls controls;

	public <F extends AbstractServerConnectionFactory & ServerControls> GatewayServer(F factory) {
		this.factory = factory;
		this.controls = factory;
	}

	/**
	 * @return the connection factory, for Spring Integration's channel adapters
	 */
	public AbstractServerConnectionFactory connectionFactory() {
		return this.factory;
	}

	public boolean isListening() {
		return this.factory.isListening();
	}

	/**
	 * @return the port listened on, the real one when configured with 0
	 */
	public int port() {
		return this.factory.getPort();
	}

	public ServerControls controls() {
		return this.controls;
	}

}
