package io.tcpgateway.server;

import java.nio.channels.SocketChannel;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.ip.tcp.connection.TcpNioConnection;
import org.springframework.integration.ip.tcp.connection.TcpNioConnectionSupport;

/**
 * Gives each accepted socket a {@link GatewayNioConnection} with its own frame decoder.
 */
final class GatewayNioConnectionSupport implements TcpNioConnectionSupport {

	private final ConnectionResources resources;

	GatewayNioConnectionSupport(ConnectionResources resources) {
		this.resources = resources;
	}

	@Override
	public TcpNioConnection createNewConnection(SocketChannel socketChannel, boolean server, boolean lookupHost,
			ApplicationEventPublisher applicationEventPublisher, String connectionFactoryName) {
		return new GatewayNioConnection(socketChannel, applicationEventPublisher, connectionFactoryName,
				this.resources);
	}

}
