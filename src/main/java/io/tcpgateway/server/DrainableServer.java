package io.tcpgateway.server;

/**
 * A server connection factory that can stop accepting while its connections go on being served.
 */
interface DrainableServer {

	/**
	 * Close the listening socket: new clients are refused, live connections are untouched.
	 */
	void stopAccepting();

}
