package io.tcpgateway.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.tcpgateway.proxy.ProxyProtocolMode;

/**
 * The PROXY protocol header a load balancer sends ahead of each connection.
 */
public class ProxyProtocolProperties {

	/** Which header each connection must start with: off, v1, v2 or any. */
	private ProxyProtocolMode mode = ProxyProtocolMode.OFF;

	/**
	 * Address ranges (CIDR) of the load balancers allowed to send the header; required
	 * when the mode is not off.
	 */
	private List<String> trustedProxies = new ArrayList<>();

	/** Close a connection whose header has not arrived within this time. */
	private Duration headerTimeout = Duration.ofSeconds(5);

	public ProxyProtocolMode getMode() {
		return this.mode;
	}

	public void setMode(ProxyProtocolMode mode) {
		this.mode = mode;
	}

	public List<String> getTrustedProxies() {
		return this.trustedProxies;
	}

	public void setTrustedProxies(List<String> trustedProxies) {
		this.trustedProxies = trustedProxies;
	}

	public Duration getHeaderTimeout() {
		return this.headerTimeout;
	}

	public void setHeaderTimeout(Duration headerTimeout) {
		this.headerTimeout = headerTimeout;
	}

}
