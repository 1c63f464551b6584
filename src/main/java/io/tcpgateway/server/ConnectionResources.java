package io.tcpgateway.server;

import io.tcpgateway.framing.FrameDecoder;
import io.tcpgateway.framing.Framing;

/**
 * What every connection of one factory shares: its settings and the gateway's shared collaborators.
 */
record ConnectionResources(Framing framing, int maxMessageSize, long maxPendingBytes,
		SlowConsumerPolicy slowConsumerPolicy, int maxRequestsInFlight, GatewayConnections connections,
		ThreadBuffers readBuffers, ThreadBuffers writeBuffers, WritabilityWatcher writabilityWatcher, TlsSettings tls,
		ProxyProtocolSettings proxy) {

	/** Bytes taken from a socket in one read; frames may be longer and span reads. */
	static final int READ_BUFFER_SIZE = 64 * 1024;

	/** Bytes of queued replies copied into one direct buffer for one write. */
	static final int WRITE_BUFFER_SIZE = 64 * 1024;

	/**
	 * @param tls TLS settings, or {@code null} for plain TCP
	 */
	static ConnectionResources from(TcpGatewayProperties properties, GatewayConnections connections,
			WritabilityWatcher writabilityWatcher, TlsSettings tls) {
		return new ConnectionResources(properties.getFraming(), (int) properties.getMaxMessageSize().toBytes(),
				properties.getOutbound().getMaxPending().toBytes(), properties.getOutbound().getSlowConsumer(),
				properties.getHandler().getMaxInFlight(), connections,
				new ThreadBuffers(READ_BUFFER_SIZE, properties.getSelector().isDirectBuffers()),
				new ThreadBuffers(WRITE_BUFFER_SIZE, true), writabilityWatcher, tls,
				ProxyProtocolSettings.from(properties.getProxyProtocol()));
	}

	FrameDecoder newDecoder() {
		return this.framing.newDecoder(this.maxMessageSize);
	}

	/**
	 * Reply bytes past which a connection is closed even under backpressure: replies pushed to it
	 * from elsewhere than its own requests are not slowed down by not reading.
	 */
	long hardPendingLimit() {
		return 2 * this.maxPendingBytes + READ_BUFFER_SIZE;
	}

}
