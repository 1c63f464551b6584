package io.tcpgateway.connection;

import io.tcpgateway.framing.FrameCodec;
import io.tcpgateway.framing.FrameDecoder;
import io.tcpgateway.framing.FrameEncoder;
import io.tcpgateway.limits.RateLimits;
import io.tcpgateway.limits.SlowConsumerLimits;
import io.tcpgateway.proxy.ProxyProtocolSettings;
import io.tcpgateway.tls.TlsSettings;

/**
 * The settings every connection of the listener shares, whatever its transport: values
 * only; the objects it works with are {@link ConnectionCollaborators}.
 *
 * @param framing how frames are cut and replies framed: a built-in framing or the
 * application's
 * @param maxMessageSize the largest payload of one frame, in bytes
 * @param slowConsumer reply bytes that may wait for a client, and what happens past that
 * @param maxRequestsInFlight requests of one connection handled but not yet answered,
 * past which it is not read
 * @param tls TLS settings, or {@code null} for plain TCP
 * @param proxy PROXY protocol settings, or {@code null} when it is off
 * @param rateLimits how fast one client may send
 * @param heartbeat what is written to quiet connections, or {@code null} when nothing is
 */
public record ConnectionSettings(FrameCodec framing, int maxMessageSize, SlowConsumerLimits slowConsumer,
		int maxRequestsInFlight, TlsSettings tls, ProxyProtocolSettings proxy, RateLimits rateLimits,
		Heartbeat heartbeat) {

	public FrameDecoder newDecoder() {
		return this.framing.newDecoder(this.maxMessageSize);
	}

	public FrameEncoder encoder() {
		return this.framing.encoder();
	}

}
