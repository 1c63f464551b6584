package io.tcpgateway.connection;

import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * The gateway's connections as an operator reaches them: find, push, close, list. This
 * gateway's own are always reached; with the cluster on, its implementation is preferred
 * and reaches every gateway's, so that a caller never asks which one it has.
 */
public interface Connections {

	/**
	 * @return whether the connections of other gateways are reached too
	 */
	boolean spansCluster();

	/**
	 * @param describe how to show a connection of this gateway
	 * @return the connection as the gateway holding it shows it, or {@code null} when
	 * none holds it
	 * @throws ConnectionsUnavailableException when other gateways cannot be asked
	 */
	@Nullable Object find(String connectionId, Function<Connection, ?> describe);

	/**
	 * @param limit how many to show at most, oldest first
	 * @param describe how to show a connection of this gateway
	 * @throws ConnectionsUnavailableException when other gateways cannot be asked
	 */
	Found findByKey(String key, int limit, Function<Connection, ?> describe);

	/**
	 * @param limit how many to show at most, oldest first
	 * @return the connections of every gateway
	 * @throws ConnectionsUnavailableException when other gateways cannot be asked
	 * @throws UnsupportedOperationException when only this gateway's are reached
	 */
	Listing list(int limit);

	/**
	 * Push a message to a connection, framed like a reply.
	 * @throws IllegalArgumentException when the message is longer than a push may be
	 */
	Outcome push(String connectionId, byte[] payload);

	/**
	 * Close a connection: one of this gateway's at once, counted with reason
	 * {@code admin}; another gateway's once the replies already sent to it are written.
	 */
	Outcome close(String connectionId);

	/**
	 * Connections found by key.
	 *
	 * @param total how many were found
	 * @param connections those shown, oldest first
	 */
	record Found(int total, List<?> connections) {
	}

	/**
	 * Connections of every gateway.
	 *
	 * @param total connections of every live gateway
	 * @param nodes the live gateways
	 * @param connections the first of them, oldest first
	 */
	record Listing(long total, List<String> nodes, List<?> connections) {
	}

	/**
	 * What became of a push or a close.
	 *
	 * @param status whether it was done, and where
	 * @param node the gateway it was handed to, or {@code null}
	 * @param message what happened, for people
	 */
	record Outcome(Status status, @Nullable String node, String message) {

		public static Outcome done() {
			return new Outcome(Status.DONE, null, "done");
		}

		public static Outcome notFound(String connectionId) {
			return new Outcome(Status.NOT_FOUND, null, "no open connection " + connectionId);
		}

	}

	/** Where an operation went. */
	enum Status {

		/** Carried out on a connection of this gateway. */
		DONE,

		/** Handed to the gateway holding the connection. */
		HANDED_OVER,

		/** No gateway holds an open connection with the id. */
		NOT_FOUND,

		/** Other gateways could not be reached. */
		UNAVAILABLE

	}

}
