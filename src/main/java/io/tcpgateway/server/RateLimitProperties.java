package io.tcpgateway.server;

import java.time.Duration;

import org.springframework.util.unit.DataSize;

/**
 * How fast one client may send and connect; every rate is unlimited when not set.
 */
public class RateLimitProperties {

	/**
	 * Messages one connection may send per second; past it the gateway stops reading the
	 * connection until its rate allows more.
	 */
	private Double messagesPerSecond;

	/**
	 * Bytes one connection may send per second; past it the gateway stops reading the
	 * connection until its rate allows more.
	 */
	private DataSize bytesPerSecond;

	/**
	 * How far a client may run ahead of its rates, as time at that rate: 1s lets a
	 * connection send one second's worth at once.
	 */
	private Duration burst = Duration.ofSeconds(1);

	/**
	 * Connections one client address may open per second; past it, new connections from
	 * the address are closed as soon as they are accepted.
	 */
	private Double connectionsPerSecond;

	public Double getMessagesPerSecond() {
		return this.messagesPerSecond;
	}

	public void setMessagesPerSecond(Double messagesPerSecond) {
		this.messagesPerSecond = messagesPerSecond;
	}

	public DataSize getBytesPerSecond() {
		return this.bytesPerSecond;
	}

	public void setBytesPerSecond(DataSize bytesPerSecond) {
		this.bytesPerSecond = bytesPerSecond;
	}

	public Duration getBurst() {
		return this.burst;
	}

	public void setBurst(Duration burst) {
		this.burst = burst;
	}

	public Double getConnectionsPerSecond() {
		return this.connectionsPerSecond;
	}

	public void setConnectionsPerSecond(Double connectionsPerSecond) {
		this.connectionsPerSecond = connectionsPerSecond;
	}

}
