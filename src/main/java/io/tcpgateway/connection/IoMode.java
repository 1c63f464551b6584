package io.tcpgateway.connection;

/**
 * How the gateway does socket I/O.
 */
public enum IoMode {

	/**
	 * One selector multiplexes all connections; a small worker pool decodes and
	 * dispatches.
	 */
	NIO,

	/**
	 * Blocking sockets with one thread per connection; for comparison and for clients
	 * that need it.
	 */
	NET

}
