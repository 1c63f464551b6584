package io.tcpgateway.proxy;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

/**
 * The PROXY protocol as configured: which header, from which peers, within what time. No
 * trusted range trusts no peer.
 */
public record ProxyProtocolSettings(ProxyProtocolMode mode, List<CidrRange> trustedProxies, Duration headerTimeout) {

	public boolean isTrusted(InetAddress peer) {
		return this.trustedProxies.stream().anyMatch(range -> range.contains(peer));
	}

	public ProxyProtocolDecoder newDecoder() {
		return new ProxyProtocolDecoder(this.mode);
	}

}
