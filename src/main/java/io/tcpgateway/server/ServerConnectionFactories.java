package io.tcpgateway.server;

import java.net.InetAddress;
import java.time.Duration;

import io.tcpgateway.connection.ConnectionCollaborators;
import io.tcpgateway.connection.ConnectionSettings;
import io.tcpgateway.connection.ConnectionTaskExecutor;
import io.tcpgateway.connection.GatewayServer;
import io.tcpgateway.connection.net.NetServerConnectionFactory;
import io.tcpgateway.connection.nio.NioServerConnectionFactory;
import io.tcpgateway.connection.nio.NioSettings;

import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

/**
 * Builds the listener's connection factory of the configured I/O mode, {@code nio} or
 * {@code net}, with the socket settings both share.
 */
final class ServerConnectionFactories {

	private ServerConnectionFactories() {
	}

	static GatewayServer newServer(TcpGatewayProperties properties, ConnectionSettings settings,
			ConnectionCollaborators collaborators, ConnectionTaskExecutor taskExecutor) {
		return switch (properties.getIoMode()) {
			case NIO ->
				new GatewayServer(configure(nioFactory(properties, settings, collaborators), properties, taskExecutor),
						settings.tls());
			case NET -> new GatewayServer(
					configure(new NetServerConnectionFactory(properties.getPort(), settings, collaborators), properties,
							taskExecutor),
					settings.tls());
		};
	}

	private static NioServerConnectionFactory nioFactory(TcpGatewayProperties properties, ConnectionSettings settings,
			ConnectionCollaborators collaborators) {
		SelectorProperties selector = properties.getSelector();
		NioServerConnectionFactory factory = new NioServerConnectionFactory(properties.getPort(),
				NioSettings.of(settings, collaborators, selector.isDirectBuffers()), selector.getEventLoops());
		factory.setMultiAccept(selector.isMultiAccept());
		factory.setUsingDirectBuffers(selector.isDirectBuffers());
		return factory;
	}

	/** The socket and factory settings both I/O modes share. */
	private static <F extends AbstractServerConnectionFactory> F configure(F factory, TcpGatewayProperties properties,
			ConnectionTaskExecutor taskExecutor) {
		PropertyMapper map = PropertyMapper.get();
		SocketProperties socket = properties.getSocket();
		map.from(properties.getHost()).as(InetAddress::getHostAddress).to(factory::setLocalAddress);
		map.from(properties.getBacklog()).to(factory::setBacklog);
		map.from(socket.isTcpNoDelay()).to(factory::setSoTcpNoDelay);
		map.from(socket.isKeepAlive()).to(factory::setSoKeepAlive);
		map.from(socket.getReceiveBufferSize()).as(size -> (int) size.toBytes()).to(factory::setSoReceiveBufferSize);
		map.from(socket.getSendBufferSize()).as(size -> (int) size.toBytes()).to(factory::setSoSendBufferSize);
		map.from(properties.getSelector().getReadDelay()).as(Duration::toMillis).to(factory::setReadDelay);
		factory.setLookupHost(false);
		factory.setTaskExecutor(taskExecutor);
		return factory;
	}

}
