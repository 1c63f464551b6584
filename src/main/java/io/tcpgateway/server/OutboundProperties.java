package io.tcpgateway.server;

import java.time.Duration;

import io.tcpgateway.limits.SlowConsumerPolicy;

import org.springframework.util.unit.DataSize;

/**
 * Limits on replies waiting to be written to a connection.
 */
public class OutboundProperties {

	/**
	 * Reply bytes a connection may have waiting to be written before the slow-consumer
	 * policy applies.
	 */
	private DataSize maxPending = DataSize.ofMegabytes(1);

	/**
	 * What to do with a client whose replies pile up past max-pending: backpressure or
	 * close.
	 */
	private SlowConsumerPolicy slowConsumer = SlowConsumerPolicy.BACKPRESSURE;

	/**
	 * Reply bytes all connections together may have waiting; past it, connections with
	 * replies waiting are not read. An eighth of the maximum heap when not set.
	 */
	private DataSize maxPendingTotal;

	/** Close a connection whose waiting replies make no progress for this long. */
	private Duration writeTimeout = Duration.ofSeconds(30);

	public DataSize getMaxPending() {
		return this.maxPending;
	}

	public void setMaxPending(DataSize maxPending) {
		this.maxPending = maxPending;
	}

	public DataSize getMaxPendingTotal() {
		return this.maxPendingTotal;
	}

	public void setMaxPendingTotal(DataSize maxPendingTotal) {
		this.maxPendingTotal = maxPendingTotal;
	}

	public SlowConsumerPolicy getSlowConsumer() {
		return this.slowConsumer;
	}

	public void setSlowConsumer(SlowConsumerPolicy slowConsumer) {
		this.slowConsumer = slowConsumer;
	}

	public Duration getWriteTimeout() {
		return this.writeTimeout;
	}

	public void setWriteTimeout(Duration writeTimeout) {
		this.writeTimeout = writeTimeout;
	}

}
