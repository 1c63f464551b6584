package io.tcpgateway.connection;

/**
 * How a connection closes: at once, or once what it owes has been written.
 */
public enum CloseMode {

	/** Close the socket now, whatever is still owed. */
	NOW,

	/**
	 * Read nothing more, and close once every request has been answered and every reply
	 * written.
	 */
	AFTER_FLUSH

}
