package io.tcpgateway.cluster;

import java.util.List;

/**
 * What became of a push or close addressed to the cluster.
 *
 * @param outcome whether a gateway holding the connection was found
 * @param connections how many connections it was handed to: written to local ones,
 * published to the gateways holding the others
 * @param nodes the gateways it was handed to
 * @param message what happened, for people
 */
public record ClusterResult(Outcome outcome, int connections, List<String> nodes, String message) {

	/**
	 * @return whether a gateway holding the connection (or key) was found and handed it
	 */
	public boolean found() {
		return this.outcome == Outcome.SENT;
	}

	static ClusterResult sent(int connections, List<String> nodes) {
		return new ClusterResult(Outcome.SENT, connections, List.copyOf(nodes),
				"handed to " + connections + " connection(s) on " + nodes);
	}

	static ClusterResult notFound(String what) {
		return new ClusterResult(Outcome.NOT_FOUND, 0, List.of(), "no gateway holds " + what);
	}

	static ClusterResult unreachable(ClusterUnavailableException ex, int localConnections, String node) {
		return new ClusterResult(Outcome.REDIS_UNREACHABLE, localConnections, (localConnections > 0) ? List
			.of(node) : List.of(), ex.getMessage()
					+ ((localConnections > 0) ? "; handed to " + localConnections + " local connection(s) only" : ""));
	}

	/** Whether a gateway holding the target was found. */
	public enum Outcome {

		/**
		 * Handed to every gateway holding it: at most once, in order from this gateway;
		 * lost only if the connection closes meanwhile.
		 */
		SENT,

		/** No gateway holds it. */
		NOT_FOUND,

		/** Redis could not be reached; only local connections, if any, were reached. */
		REDIS_UNREACHABLE

	}

}
