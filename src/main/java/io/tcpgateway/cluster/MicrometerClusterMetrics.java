package io.tcpgateway.cluster;

import java.util.function.BooleanSupplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/**
 * Counts what the cluster drops and fails; every counter is registered up front, so each
 * shows, at zero, before its first count.
 */
final class MicrometerClusterMetrics implements ClusterMetrics {

	/**
	 * Counter: commands received on this gateway's cluster channel that were not valid.
	 */
	static final String CLUSTER_COMMANDS_MALFORMED = "tcp.gateway.cluster.commands.malformed";

	/**
	 * Counter: pushes received from other gateways, tagged with {@link #OUTCOME}
	 * ({@code delivered} to a local connection, or {@code failed}: none open, or the
	 * delivery queue full).
	 */
	static final String CLUSTER_PUSHES = "tcp.gateway.cluster.pushes";

	/** Counter: Redis commands and connection attempts that failed. */
	static final String CLUSTER_REDIS_ERRORS = "tcp.gateway.cluster.redis.errors";

	/**
	 * Counter: directory changes dropped because their queue was full; the next refresh
	 * repairs the directory.
	 */
	static final String CLUSTER_DIRECTORY_DROPPED = "tcp.gateway.cluster.directory.dropped";

	/** Gauge: 1 while every connection to Redis is open, 0 otherwise. */
	static final String CLUSTER_REDIS_UP = "tcp.gateway.cluster.redis.up";

	/** Tag: what became of a push. */
	static final String OUTCOME = "outcome";

	private final Counter malformed;

	private final Counter delivered;

	private final Counter failed;

	private final Counter redisErrors;

	private final Counter dropped;

	private final MeterRegistry registry;

	private final Tags tags;

	MicrometerClusterMetrics(MeterRegistry registry, Tags tags) {
		this.registry = registry;
		this.tags = tags;
		this.malformed = Counter.builder(CLUSTER_COMMANDS_MALFORMED)
			.description("Commands on this gateway's cluster channel that were not valid, dropped")
			.tags(tags)
			.register(registry);
		this.delivered = push(registry, tags, "delivered");
		this.failed = push(registry, tags, "failed");
		this.redisErrors = Counter.builder(CLUSTER_REDIS_ERRORS)
			.description("Redis commands and connection attempts that failed")
			.tags(tags)
			.register(registry);
		this.dropped = Counter.builder(CLUSTER_DIRECTORY_DROPPED)
			.description("Directory changes dropped because their queue was full")
			.tags(tags)
			.register(registry);
	}

	private static Counter push(MeterRegistry registry, Tags tags, String outcome) {
		return Counter.builder(CLUSTER_PUSHES)
			.description("Pushes received from other gateways, by outcome")
			.tags(tags)
			.tag(OUTCOME, outcome)
			.register(registry);
	}

	@Override
	public void malformedCommand() {
		this.malformed.increment();
	}

	@Override
	public void pushDelivered() {
		this.delivered.increment();
	}

	@Override
	public void pushFailed() {
		this.failed.increment();
	}

	@Override
	public void redisError() {
		this.redisErrors.increment();
	}

	@Override
	public void directoryChangeDropped() {
		this.dropped.increment();
	}

	@Override
	public void redisLink(BooleanSupplier up) {
		// held strongly: nothing else holds the supplier, and a gauge's weakly held
		// object, once collected, reads NaN
		Gauge.builder(CLUSTER_REDIS_UP, up, (link) -> link.getAsBoolean() ? 1 : 0)
			.description("1 while every connection to Redis is open, 0 otherwise")
			.tags(this.tags)
			.strongReference(true)
			.register(this.registry);
	}

}
