package io.tcpgateway.server;

import java.time.Duration;

/**
 * How the gateway stops.
 */
public class ShutdownProperties {

	/**
	 * How long a stop waits for connections to be answered and closed before closing the
	 * rest.
	 */
	private Duration gracePeriod = Duration.ofSeconds(30);

	public Duration getGracePeriod() {
		return this.gracePeriod;
	}

	public void setGracePeriod(Duration gracePeriod) {
		this.gracePeriod = gracePeriod;
	}

}
