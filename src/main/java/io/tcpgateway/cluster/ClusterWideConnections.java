package io.tcpgateway.cluster;

import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

import io.tcpgateway.connection.Connection;
import io.tcpgateway.connection.Connections;
import io.tcpgateway.connection.LocalConnections;

/**
 * The connections of every gateway of the cluster: this gateway's through its own
 * registry, even while Redis is away, the others' through the directory and their
 * channels.
 */
final class ClusterWideConnections implements Connections {

	private final LocalConnections local;

	private final ClusterConnections cluster;

	ClusterWideConnections(LocalConnections local, ClusterConnections cluster) {
		this.local = local;
		this.cluster = cluster;
	}

	@Override
	public boolean spansCluster() {
		return true;
	}

	@Override
	public Object find(String connectionId, Function<Connection, ?> describe) {
		Object found = this.local.find(connectionId, describe);
		return (found != null) ? found : this.cluster.find(connectionId);
	}

	@Override
	public Found findByKey(String key, int limit, Function<Connection, ?> describe) {
		List<ClusterEntry> found = this.cluster.findByKey(key);
		List<ClusterEntry> listed = found.stream()
			.sorted(Comparator.comparing(ClusterEntry::openedAt))
			.limit(limit)
			.toList();
		return new Found(found.size(), listed);
	}

	@Override
	public Listing list(int limit) {
		ClusterListing listing = this.cluster.list(limit);
		return new Listing(listing.total(), listing.nodes(), listing.connections());
	}

	@Override
	public Outcome push(String connectionId, byte[] payload) {
		Outcome here = this.local.push(connectionId, payload);
		// a connection of this gateway's that refused the push is closing: no other
		// gateway holds it, so Redis is not asked
		if (here.status() == Status.DONE || this.local.find(connectionId, (connection) -> connection) != null) {
			return here;
		}
		return handedOver(this.cluster.send(connectionId, payload));
	}

	@Override
	public Outcome close(String connectionId) {
		Outcome here = this.local.close(connectionId);
		return (here.status() == Status.DONE) ? here : handedOver(this.cluster.close(connectionId));
	}

	private static Outcome handedOver(ClusterResult result) {
		return switch (result.outcome()) {
			case SENT -> new Outcome(Status.HANDED_OVER, result.nodes().get(0), result.message());
			case NOT_FOUND -> new Outcome(Status.NOT_FOUND, null, result.message());
			case REDIS_UNREACHABLE -> new Outcome(Status.UNAVAILABLE, null, result.message());
		};
	}

}
