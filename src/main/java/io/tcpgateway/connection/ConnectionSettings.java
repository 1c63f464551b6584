package io.tcpgateway.connection;

import io.tcpgateway.framing.FrameCodec;
import io.tcpgateway.framing.FrameDecoder;
import io.tcpgateway.framing.FrameEncoder;
import io.tcpgateway.limits.MemoryBudgets;
import io.tcpgateway.limits.RateLimits;
import io.tcpgateway.limits.SlowConsumerLimits;
import io.tcpgateway.logging.WireLog;
import io.tcpgateway.proxy.ProxyProtocolSettings;
import io.tcpgateway.tls.TlsSettings;

/**
 * What every connection of the listener shares, whatever its transport: its settings and
 * the gateway's shared collaborators.
 *
 * @param framing how frames are cut and replies framed: a built-in framing or the
 * application's
 * @param maxMessageSize the largest payload of one frame, in bytes
 * @param slowConsumer reply bytes that may wait for a client, and what happens past that
 * @param maxRequestsInFlight requests of one connection handled but not yet answered,
 * past which it is not read
 * @param registry the live connections
 * @param messageHeaders creates the headers of the connections' messages
 * @param tls TLS settings, or {@code null} for plain TCP
 * @param proxy PROXY protocol settings, or {@code null} when it is off
 * @param memory the gateway-wide limits on what connections make it hold
 * @param rateLimits how fast one client may send
 * @param heartbeat what is written to quiet connections, or {@code null} when nothing is
 * @param wireLog logs the bytes of each read and write, when its level is on
 * @param readGate the features' reasons to read no connection, such as a backend at its
 * limit of open requests; {@link ReadGate#OPEN} without any
 */
public record ConnectionSettings(FrameCodec framing, int maxMessageSize, SlowConsumerLimits slowConsumer,
		int maxRequestsInFlight, ConnectionRegistry registry, GatewayMessageHeaders messageHeaders, TlsSettings tls,
		ProxyProtocolSettings proxy, MemoryBudgets memory, RateLimits rateLimits, Heartbeat heartbeat, WireLog wireLog,
		ReadGate readGate) {

	public FrameDecoder newDecoder() {
		return this.framing.newDecoder(this.maxMessageSize);
	}

	public FrameEncoder encoder() {
		return this.framing.encoder();
	}

}
