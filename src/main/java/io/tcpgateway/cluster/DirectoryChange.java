package io.tcpgateway.cluster;

import java.util.Set;

import io.tcpgateway.connection.Connection;

/**
 * A change of this gateway's connections, queued by an I/O thread for the cluster thread
 * to write to Redis.
 */
sealed interface DirectoryChange {

	/** A connection opened, or learnt its client from its PROXY header. */
	record Opened(Connection connection) implements DirectoryChange {
	}

	/** A key was bound to a connection. */
	record Bound(Connection connection, String key) implements DirectoryChange {
	}

	/** A connection closed, with the keys it carried. */
	record Closed(String connectionId, Set<String> keys) implements DirectoryChange {
	}

}
