package io.tcpgateway.connection;

import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * The connections of this gateway alone, reached through its registry.
 */
public final class LocalConnections implements Connections {

	private final ConnectionRegistry registry;

	public LocalConnections(ConnectionRegistry registry) {
		this.registry = registry;
	}

	@Override
	public boolean spansCluster() {
		return false;
	}

	@Override
	public Object find(String connectionId, Function<Connection, ?> describe) {
		Connection connection = this.registry.find(connectionId);
		return (connection != null) ? describe.apply(connection) : null;
	}

	@Override
	public Found findByKey(String key, int limit, Function<Connection, ?> describe) {
		List<?> listed = this.registry.findByKey(key)
			.stream()
			.sorted(Comparator.comparing((connection) -> connection.stats().openedAt()))
			.limit(limit)
			.map(describe)
			.toList();
		return new Found(listed.size(), listed);
	}

	@Override
	public Listing list(int limit) {
		throw new UnsupportedOperationException("Only this gateway's connections are reached");
	}

	@Override
	public Outcome push(String connectionId, byte[] payload) {
		return this.registry.push(connectionId, payload) ? Outcome.done() : Outcome.notFound(connectionId);
	}

	@Override
	public Outcome close(String connectionId) {
		Connection connection = this.registry.find(connectionId);
		if (connection == null) {
			return Outcome.notFound(connectionId);
		}
		connection.close(CloseReason.ADMIN, CloseMode.NOW);
		return Outcome.done();
	}

}
