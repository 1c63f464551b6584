package io.tcpgateway.cluster;

import java.time.Instant;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Reports the cluster as the {@code tcpGatewayCluster} health component: UP while this
 * gateway's connections to Redis are open, DOWN while Redis is unreachable. It is not in
 * the readiness group: a Redis outage must not take every gateway out of its load
 * balancer, whose clients are served as before.
 */
class ClusterHealthIndicator extends AbstractHealthIndicator {

	private final ClusterNode node;

	ClusterHealthIndicator(ClusterNode node) {
		super("Cluster health check failed");
		this.node = node;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		if (this.node.isRedisUp()) {
			builder.up();
		}
		else {
			builder.down().withDetail("error", "Redis unreachable: " + this.node.lastFailure());
		}
		String nodeId = this.node.nodeId();
		builder.withDetail("node", (nodeId != null) ? nodeId : "(listener not bound yet)")
			.withDetail("queuedChanges", this.node.queuedChanges());
		long refreshed = this.node.lastRefreshed();
		if (refreshed > 0) {
			builder.withDetail("lastRefresh", Instant.ofEpochMilli(refreshed).toString());
		}
	}

}
