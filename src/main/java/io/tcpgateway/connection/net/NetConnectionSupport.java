package io.tcpgateway.connection.net;

import java.net.Socket;

import io.tcpgateway.connection.ConnectionSettings;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.ip.tcp.connection.TcpNetConnection;
import org.springframework.integration.ip.tcp.connection.TcpNetConnectionSupport;

/**
 * Gives each accepted socket a {@link NetConnection}.
 */
final class NetConnectionSupport implements TcpNetConnectionSupport {

	private final ConnectionSettings settings;

	NetConnectionSupport(ConnectionSettings settings) {
		this.settings = settings;
	}

	@Override
	public TcpNetConnection createNewConnection(Socket socket, boolean server, boolean lookupHost,
			ApplicationEventPublisher applicationEventPublisher, String connectionFactoryName) {
		return new NetConnection(socket, applicationEventPublisher, connectionFactoryName, this.settings);
	}

}
