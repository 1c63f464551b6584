package io.tcpgateway.forward.tcp;

/**
 * How a new client connection (per-connection mode) picks its upstream among those up.
 */
public enum Balance {

	/** Each in turn. */
	ROUND_ROBIN,

	/** The one with the fewest open connections from the bridge. */
	LEAST_CONNECTIONS,

	/**
	 * The client's address (the one its PROXY header names) picks one, by rendezvous
	 * hashing: a client keeps its upstream while that one is up, and when one leaves only
	 * its clients move.
	 */
	CLIENT_HASH

}
