package io.tcpgateway.server;

import java.time.Duration;

/**
 * The cluster directory and push between gateways, through the Redis that Spring Boot
 * configures from {@code spring.data.redis.*}.
 */
public class ClusterProperties {

	/** Register connections in Redis and accept pushes from other gateways. */
	private boolean enabled;

	/**
	 * This gateway's name in the cluster, unique among them; the host name and TCP port
	 * when not set.
	 */
	private String nodeId;

	/**
	 * How long an entry outlives the last refresh of its gateway; refreshed about every
	 * third of it.
	 */
	private Duration entryTtl = Duration.ofSeconds(30);

	/**
	 * Prefix of every Redis key and channel, separating deployments sharing one Redis.
	 */
	private String keyPrefix = "tcp-gateway:";

	/** How long a cluster operation waits for Redis before it fails. */
	private Duration timeout = Duration.ofSeconds(2);

	/**
	 * Directory changes (connections opened, closed, keys bound) waiting to be written to
	 * Redis; past it they are dropped, counted, and repaired by the next refresh.
	 */
	private int queueCapacity = 10_000;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getNodeId() {
		return this.nodeId;
	}

	public void setNodeId(String nodeId) {
		this.nodeId = nodeId;
	}

	public Duration getEntryTtl() {
		return this.entryTtl;
	}

	public void setEntryTtl(Duration entryTtl) {
		this.entryTtl = entryTtl;
	}

	public String getKeyPrefix() {
		return this.keyPrefix;
	}

	public void setKeyPrefix(String keyPrefix) {
		this.keyPrefix = keyPrefix;
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

	public int getQueueCapacity() {
		return this.queueCapacity;
	}

	public void setQueueCapacity(int queueCapacity) {
		this.queueCapacity = queueCapacity;
	}

}
