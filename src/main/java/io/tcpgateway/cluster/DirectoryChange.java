package io.tcpgateway.cluster;

import java.util.Set;

import io.tcpgateway.connection.Connection;

/**
 * A change of this gateway's connections, queued by an I/O thread for the cluster thread
 * to write to Redis.
 */
sealed interface DirectoryChange {

	/**
	 * A connection opened, or learnt its client from its PROXY header.
	 *
	 * @param first whether it is the connection's first change (it opened), not its PROXY
	 * header's arrival: nothing can have been written of it before, except by a refresh
	 */
	record Opened(Connection connection, boolean first) implements DirectoryChange {
	}

	/** A key was bound to a connection. */
	record Bound(Connection connection, String key) implements DirectoryChange {
	}

	/** A connection closed, with the keys it carried. */
	record Closed(String connectionId, Set<String> keys) implements DirectoryChange {
	}

}
