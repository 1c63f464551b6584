package io.tcpgateway.server;

import java.nio.channels.SocketChannel;

import io.tcpgateway.framing.Framing;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.ip.tcp.connection.TcpNioConnection;
import org.springframework.integration.ip.tcp.connection.TcpNioConnectionSupport;

/**
 * Gives each accepted socket a {@link GatewayNioConnection} with its own frame decoder.
 */
final class GatewayNioConnectionSupport implements TcpNioConnectionSupport {

	/** Bytes taken from a socket in one read; frames may be longer and span reads. */
	private static final int READ_BUFFER_SIZE = 64 * 1024;

	private final Framing framing;

	private final int maxMessageSize;

	private final long maxPendingBytes;

	private final ReadBuffers readBuffers;

	private final WritabilityWatcher writabilityWatcher;

	GatewayNioConnectionSupport(TcpGatewayProperties properties, WritabilityWatcher writabilityWatcher) {
		this.framing = properties.getFraming();
		this.maxMessageSize = (int) properties.getMaxMessageSize().toBytes();
		this.maxPendingBytes = properties.getOutbound().getMaxPending().toBytes();
		this.readBuffers = new ReadBuffers(READ_BUFFER_SIZE, properties.getSelector().isDirectBuffers());
		this.writabilityWatcher = writabilityWatcher;
	}

	@Override
	public TcpNioConnection createNewConnection(SocketChannel socketChannel, boolean server, boolean lookupHost,
			ApplicationEventPublisher applicationEventPublisher, String connectionFactoryName) {
		return new GatewayNioConnection(socketChannel, applicationEventPublisher, connectionFactoryName,
				this.framing.newDecoder(this.maxMessageSize), this.readBuffers, this.writabilityWatcher,
				this.maxPendingBytes);
	}

}
