package io.tcpgateway.connection;

import java.util.Set;

/**
 * Told of every connection that joins or leaves the live connections, and of the keys the
 * application binds to them, such as the cluster directory. Called on the I/O threads: an
 * implementation must return at once, never wait for the network.
 */
public interface ConnectionObserver {

	/** Observes nothing. */
	ConnectionObserver NONE = new ConnectionObserver() {
	};

	/** A connection joined the live connections. */
	default void opened(Connection connection) {
	}

	/**
	 * A live connection learnt its client from its PROXY header; by default the same as
	 * {@link #opened}.
	 */
	default void clientKnown(Connection connection) {
		opened(connection);
	}

	/** The application bound a key to a live connection. */
	default void bound(Connection connection, String key) {
	}

	/**
	 * A connection left the live connections.
	 * @param keys the keys that were bound to it
	 */
	default void closed(Connection connection, Set<String> keys) {
	}

}
