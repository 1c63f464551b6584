package io.tcpgateway.server;

/**
 * A server connection factory whose closed connections are dropped from its books by the connection
 * sweeper, rather than on the factory's I/O path.
 *
 * <p>Spring Integration's factories walk every connection they hold to find the closed ones: the NIO
 * factory after every selector wakeup, the blocking factory after every accept. With thousands of open
 * connections that walk costs more than the messages it sits between, so the gateway's factories skip it
 * there and the sweeper has it done about once a second; a closed connection costs only its memory until
 * then.
 */
interface HarvestableServer {

	/**
	 * Drop closed connections from the factory's books, walking every connection it holds.
	 */
	void harvestClosedConnectionsNow();

	/**
	 * @return the connections the factory holds, including closed ones not harvested yet
	 */
	int heldConnectionCount();

}
