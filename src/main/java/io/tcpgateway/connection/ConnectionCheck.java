package io.tcpgateway.connection;

/**
 * A check the sweeper makes of every live connection on each sweep, for timeouts kept
 * outside the connection package.
 */
@FunctionalInterface
public interface ConnectionCheck {

	/**
	 * @param now the current {@link System#nanoTime()}
	 */
	void check(Connection connection, long now);

}
