package io.tcpgateway.server;

import java.time.Duration;

/**
 * What is written to connections that are quiet, to keep NAT and load-balancer idle
 * timers from cutting them.
 */
public class HeartbeatProperties {

	/**
	 * Write the payload to a connection to which nothing has been written for this long;
	 * off when not set or 0.
	 */
	private Duration interval;

	/** The heartbeat, framed like a reply. */
	private String payload = "PING";

	public Duration getInterval() {
		return this.interval;
	}

	public void setInterval(Duration interval) {
		this.interval = interval;
	}

	public String getPayload() {
		return this.payload;
	}

	public void setPayload(String payload) {
		this.payload = payload;
	}

}
