package io.tcpgateway.connection;

import java.time.Duration;
import java.util.List;

/**
 * What the gateway's server connection factories do besides Spring Integration's: stop
 * accepting while connections go on being served, and leave the walk over every
 * connection to the sweeper.
 *
 * <p>
 * Spring Integration's factories walk every connection they hold to find the closed ones:
 * the NIO factory after every selector wakeup, the blocking factory after every accept.
 * With thousands of open connections that walk costs more than the messages it sits
 * between, so the gateway's factories skip it there and the sweeper has it done about
 * once a second; a closed connection costs only its memory until then.
 */
public interface ServerControls {

	/**
	 * Close the listening socket: new clients are refused, live connections are
	 * untouched.
	 */
	void stopAccepting();

	/**
	 * Drop closed connections from the factory's books, walking every connection it
	 * holds.
	 */
	void harvestClosedConnectionsNow();

	/**
	 * @return the connections the factory holds, including closed ones not harvested yet
	 */
	int heldConnectionCount();

	/**
	 * @param timeout how long one pass of an event loop may take
	 * @return the event loops whose current pass has taken longer, none for a factory
	 * without event loops
	 */
	default List<StalledLoop> stalledLoops(Duration timeout) {
		return List.of();
	}

}
