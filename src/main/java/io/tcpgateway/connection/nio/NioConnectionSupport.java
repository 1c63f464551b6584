package io.tcpgateway.connection.nio;

import java.nio.channels.SocketChannel;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.ip.tcp.connection.TcpNioConnection;
import org.springframework.integration.ip.tcp.connection.TcpNioConnectionSupport;

/**
 * Gives each accepted socket a {@link NioConnection}.
 */
final class NioConnectionSupport implements TcpNioConnectionSupport {

	private final NioSettings settings;

	private final WritabilityWatcher writabilityWatcher;

	NioConnectionSupport(NioSettings settings, WritabilityWatcher writabilityWatcher) {
		this.settings = settings;
		this.writabilityWatcher = writabilityWatcher;
	}

	@Override
	public TcpNioConnection createNewConnection(SocketChannel socketChannel, boolean server, boolean lookupHost,
			ApplicationEventPublisher applicationEventPublisher, String connectionFactoryName) {
		return new NioConnection(socketChannel, applicationEventPublisher, connectionFactoryName, this.settings,
				this.writabilityWatcher);
	}

}
