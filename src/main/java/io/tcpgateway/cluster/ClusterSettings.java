package io.tcpgateway.cluster;

import java.time.Duration;

/**
 * How this gateway takes part in the cluster.
 *
 * @param nodeId this gateway's name in the cluster, or {@code null} to derive it from the
 * host name and TCP port once the listener is bound
 * @param entryTtl how long an entry outlives the last refresh of its gateway
 * @param keyPrefix prefix of every Redis key and channel
 * @param timeout how long a cluster operation waits for Redis
 * @param queueCapacity directory changes that may wait to be written
 * @param maxPushBytes largest payload of one push
 */
record ClusterSettings(String nodeId, Duration entryTtl, String keyPrefix, Duration timeout, int queueCapacity,
		int maxPushBytes) {

	/**
	 * @return how often this gateway rewrites its entries: a third of their lifetime
	 */
	Duration refreshInterval() {
		return this.entryTtl.dividedBy(3);
	}

}
