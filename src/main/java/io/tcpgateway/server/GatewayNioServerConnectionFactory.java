package io.tcpgateway.server;

import org.springframework.integration.ip.tcp.connection.TcpNioServerConnectionFactory;

/**
 * The NIO server factory, stopped quietly.
 */
class GatewayNioServerConnectionFactory extends TcpNioServerConnectionFactory {

	GatewayNioServerConnectionFactory(int port) {
		super(port);
	}

	@Override
	public void stop() {
		// Mark the factory inactive before its selector is closed, so the select loop takes the
		// ClosedSelectorException for the normal stop it is (the stock stop logs it at ERROR).
		setActive(false);
		super.stop();
	}

}
