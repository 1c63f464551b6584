package io.tcpgateway.server;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

import io.tcpgateway.proxy.CidrRange;
import io.tcpgateway.proxy.ProxyProtocolDecoder;
import io.tcpgateway.proxy.ProxyProtocolMode;

/**
 * The PROXY protocol as configured: which header, from which peers, within what time.
 */
record ProxyProtocolSettings(ProxyProtocolMode mode, List<CidrRange> trustedProxies, Duration headerTimeout) {

	/**
	 * @return the settings, or {@code null} when the PROXY protocol is off
	 */
	static ProxyProtocolSettings from(TcpGatewayProperties.ProxyProtocol properties) {
		if (properties.getMode() == ProxyProtocolMode.OFF) {
			return null;
		}
		return new ProxyProtocolSettings(properties.getMode(),
				properties.getTrustedProxies().stream().map(CidrRange::parse).toList(), properties.getHeaderTimeout());
	}

	boolean isTrusted(InetAddress peer) {
		return this.trustedProxies.isEmpty() || this.trustedProxies.stream().anyMatch(range -> range.contains(peer));
	}

	ProxyProtocolDecoder newDecoder() {
		return new ProxyProtocolDecoder(this.mode);
	}

}
