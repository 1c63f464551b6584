package io.tcpgateway.cluster;

import java.util.function.BooleanSupplier;

/**
 * Counts what the cluster drops and fails; {@link #NONE} without Micrometer.
 */
interface ClusterMetrics {

	/** Counts nothing. */
	ClusterMetrics NONE = new ClusterMetrics() {
	};

	/** A command received on this gateway's channel was not valid, and was dropped. */
	default void malformedCommand() {
	}

	/** A push received from the cluster was written to a local connection. */
	default void pushDelivered() {
	}

	/**
	 * A push received from the cluster found no open local connection, or could not be
	 * queued.
	 */
	default void pushFailed() {
	}

	/** A Redis command or connection attempt failed. */
	default void redisError() {
	}

	/** A directory change was dropped: its queue was full. */
	default void directoryChangeDropped() {
	}

	/**
	 * Report whether the link to Redis is up, read at each scrape: once connected, the
	 * Redis client reconnects by itself, so no failed attempt is counted while Redis is
	 * away.
	 * @param up whether every connection to Redis is open now
	 */
	default void redisLink(BooleanSupplier up) {
	}

}
