package io.tcpgateway.server;

/**
 * A server connection factory whose closed connections are dropped from its books by the connection
 * sweeper, rather than by a walk over every connection on the factory's I/O threads.
 */
interface HarvestableServer {

	/**
	 * Drop closed connections from the factory's books, unless that was done less than an interval ago.
	 */
	void harvestClosedConnectionsIfDue();

	/**
	 * @return the connections the factory holds, including closed ones not harvested yet
	 */
	int heldConnectionCount();

}
