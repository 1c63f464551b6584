package io.tcpgateway.flow;

/**
 * What a failing message handler does to its connection.
 */
public enum HandlerErrorPolicy {

	/** Close the connection and log the failure. */
	CLOSE,

	/** Answer the request with the configured error reply, log the failure, and go on. */
	REPLY

}
