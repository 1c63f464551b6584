package io.tcpgateway.server;

import java.net.Socket;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.ip.tcp.connection.TcpNetConnection;
import org.springframework.integration.ip.tcp.connection.TcpNetConnectionSupport;

/**
 * Gives each accepted socket a {@link GatewayNetConnection}.
 */
final class GatewayNetConnectionSupport implements TcpNetConnectionSupport {

	private final ConnectionResources resources;

	GatewayNetConnectionSupport(ConnectionResources resources) {
		this.resources = resources;
	}

	@Override
	public TcpNetConnection createNewConnection(Socket socket, boolean server, boolean lookupHost,
			ApplicationEventPublisher applicationEventPublisher, String connectionFactoryName) {
		return new GatewayNetConnection(socket, applicationEventPublisher, connectionFactoryName, this.resources);
	}

}
