package io.tcpgateway.connection.nio;

import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.ip.tcp.connection.TcpNioConnection;
import org.springframework.integration.ip.tcp.connection.TcpNioConnectionSupport;

/**
 * Gives each accepted socket a {@link NioConnection}, served by the next event loop.
 */
final class NioConnectionSupport implements TcpNioConnectionSupport {

	private final NioSettings settings;

	private final EventLoopGroup eventLoops;

	/** Connections created by the current accept; accepting thread only. */
	private final List<NioConnection> accepted = new ArrayList<>();

	NioConnectionSupport(NioSettings settings, EventLoopGroup eventLoops) {
		this.settings = settings;
		this.eventLoops = eventLoops;
	}

	@Override
	public TcpNioConnection createNewConnection(SocketChannel socketChannel, boolean server, boolean lookupHost,
			ApplicationEventPublisher applicationEventPublisher, String connectionFactoryName) {
		NioConnection connection = new NioConnection(socketChannel, applicationEventPublisher, connectionFactoryName,
				this.settings, this.eventLoops.next());
		this.accepted.add(connection);
		return connection;
	}

	/**
	 * @return the connections created since the last call, for their event loops;
	 * accepting thread only
	 */
	List<NioConnection> takeAccepted() {
		if (this.accepted.isEmpty()) {
			return List.of();
		}
		List<NioConnection> taken = new ArrayList<>(this.accepted);
		this.accepted.clear();
		return taken;
	}

}
