package io.tcpgateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.tcpgateway.cluster.ClusterMetrics;

/**
 * Counts what the cluster drops and fails; every counter is registered up front, so each
 * shows, at zero, before its first count.
 */
final class MicrometerClusterMetrics implements ClusterMetrics {

	private final Counter malformed;

	private final Counter delivered;

	private final Counter failed;

	private final Counter redisErrors;

	private final Counter dropped;

	MicrometerClusterMetrics(MeterRegistry registry, Tags tags) {
		this.malformed = Counter.builder(GatewayMeters.CLUSTER_COMMANDS_MALFORMED)
			.description("Commands on this gateway's cluster channel that were not valid, dropped")
			.tags(tags)
			.register(registry);
		this.delivered = push(registry, tags, "delivered");
		this.failed = push(registry, tags, "failed");
		this.redisErrors = Counter.builder(GatewayMeters.CLUSTER_REDIS_ERRORS)
			.description("Redis commands and connection attempts that failed")
			.tags(tags)
			.register(registry);
		this.dropped = Counter.builder(GatewayMeters.CLUSTER_DIRECTORY_DROPPED)
			.description("Directory changes dropped because their queue was full")
			.tags(tags)
			.register(registry);
	}

	private static Counter push(MeterRegistry registry, Tags tags, String outcome) {
		return Counter.builder(GatewayMeters.CLUSTER_PUSHES)
			.description("Pushes received from other gateways, by outcome")
			.tags(tags)
			.tag(GatewayMeters.OUTCOME, outcome)
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

}
