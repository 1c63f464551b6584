package io.tcpgateway.server;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.tcpgateway.connection.ConnectionSettings;
import io.tcpgateway.connection.Heartbeat;
import io.tcpgateway.connection.nio.NioSettings;
import io.tcpgateway.framing.FrameCodec;
import io.tcpgateway.framing.FrameDecoder;
import io.tcpgateway.framing.FrameDecodingException;
import io.tcpgateway.framing.FrameEncoder;
import io.tcpgateway.limits.RateLimits;
import io.tcpgateway.limits.SlowConsumerLimits;
import io.tcpgateway.proxy.CidrRange;
import io.tcpgateway.proxy.ProxyProtocolMode;
import io.tcpgateway.proxy.ProxyProtocolSettings;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.util.unit.DataSize;

/**
 * Turns {@link TcpGatewayProperties} into the settings every connection reads: limits,
 * rates, heartbeat, PROXY protocol and TLS.
 */
final class ConnectionSettingsMapping {

	private ConnectionSettingsMapping() {
	}

	static ConnectionSettings connectionSettings(TcpGatewayProperties properties, ObjectProvider<SslBundles> sslBundles,
			FrameCodec frameCodec) {
		OutboundProperties outbound = properties.getOutbound();
		return new ConnectionSettings(frameCodec, (int) properties.getMaxMessageSize().toBytes(),
				new SlowConsumerLimits(outbound.getMaxPending().toBytes(), outbound.getSlowConsumer(),
						NioSettings.READ_BUFFER_SIZE),
				properties.getHandler().getMaxInFlight(),
				TlsBundleSettings.tlsSettings(properties.getSsl(), properties.getIoMode(), sslBundles),
				proxySettings(properties.getProxyProtocol()), rateLimits(properties),
				heartbeat(properties, frameCodec));
	}

	static RateLimits rateLimits(TcpGatewayProperties properties) {
		RateLimitProperties rateLimit = properties.getRateLimit();
		DataSize bytes = rateLimit.getBytesPerSecond();
		return new RateLimits(rateLimit.getMessagesPerSecond(), (bytes != null) ? (double) bytes.toBytes() : null,
				rateLimit.getBurst(), rateLimit.getConnectionsPerSecond());
	}

	/**
	 * @return the heartbeat, or {@code null} when it is off
	 * @throws InvalidConfigurationPropertyValueException when the framing cannot carry
	 * the payload as one frame
	 */
	static Heartbeat heartbeat(TcpGatewayProperties properties, FrameCodec framing) {
		HeartbeatProperties heartbeat = properties.getHeartbeat();
		if (heartbeat.getInterval() == null || heartbeat.getInterval().isZero()) {
			return null;
		}
		byte[] payload = heartbeat.getPayload().getBytes(StandardCharsets.UTF_8);
		int maxMessageSize = (int) properties.getMaxMessageSize().toBytes();
		if (!carriesWhole(framing.encoder(), framing.newDecoder(maxMessageSize), payload)) {
			throw new InvalidConfigurationPropertyValueException("tcp-gateway.heartbeat.payload",
					heartbeat.getPayload(), "The framing " + framing + " cannot carry it as one frame of at most "
							+ maxMessageSize + " bytes (tcp-gateway.max-message-size)");
		}
		return new Heartbeat(heartbeat.getInterval(), payload);
	}

	/**
	 * @return whether the payload, framed, decodes as that one frame: false, for
	 * instance, for a payload holding the delimiter or too long for the framing
	 */
	private static boolean carriesWhole(FrameEncoder encoder, FrameDecoder decoder, byte[] payload) {
		try {
			List<byte[]> frames = new ArrayList<>();
			decoder.decode(encoder.encode(payload), frames::add);
			return frames.size() == 1 && Arrays.equals(frames.get(0), payload) && decoder.bufferedBytes() == 0;
		}
		catch (FrameDecodingException | IllegalArgumentException ex) {
			return false;
		}
	}

	/**
	 * @return the settings, or {@code null} when the PROXY protocol is off
	 */
	private static ProxyProtocolSettings proxySettings(ProxyProtocolProperties proxy) {
		if (proxy.getMode() == ProxyProtocolMode.OFF) {
			return null;
		}
		return new ProxyProtocolSettings(proxy.getMode(),
				proxy.getTrustedProxies().stream().map(CidrRange::parse).toList(), proxy.getHeaderTimeout());
	}

}
