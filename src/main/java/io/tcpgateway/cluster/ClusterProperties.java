package io.tcpgateway.cluster;

import java.time.Duration;

import io.tcpgateway.server.DurationChecks;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;
import org.springframework.validation.annotation.Validated;

/**
 * The cluster directory and push between gateways, through the Redis that Spring Boot
 * configures from {@code spring.data.redis.*}, under {@code tcp-gateway.cluster.*}.
 * Checked as it is bound whenever Redis is on the classpath, on or off, so that a bad
 * value fails startup naming the property.
 */
@ConfigurationProperties("tcp-gateway.cluster")
@Validated
public class ClusterProperties implements Validator {

	/** Shortest cluster entry lifetime: a refresh every third of it must stay cheap. */
	static final Duration MIN_ENTRY_TTL = Duration.ofSeconds(3);

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

	@Override
	public boolean supports(Class<?> type) {
		return ClusterProperties.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		ClusterProperties cluster = (ClusterProperties) target;
		if (cluster.getEntryTtl() == null || cluster.getEntryTtl().compareTo(MIN_ENTRY_TTL) < 0) {
			errors.rejectValue("entry-ttl", "min",
					"must be at least " + MIN_ENTRY_TTL.toSeconds() + "s: entries are refreshed every third of it");
		}
		DurationChecks.positive(errors, "timeout", cluster.getTimeout());
		if (cluster.getNodeId() != null && !NodeIds.isValid(cluster.getNodeId())) {
			errors.rejectValue("node-id", "pattern",
					"must be 1 to 64 letters, digits, '.', '_' or '-' (it names a Redis channel)");
		}
		if (cluster.getKeyPrefix() == null || cluster.getKeyPrefix().isEmpty()
				|| cluster.getKeyPrefix().chars().anyMatch((c) -> c <= ' ' || c > '~')) {
			errors.rejectValue("key-prefix", "pattern", "must be printable ASCII without spaces");
		}
		if (cluster.getQueueCapacity() < 1) {
			errors.rejectValue("queue-capacity", "min", "must be at least 1");
		}
	}

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
