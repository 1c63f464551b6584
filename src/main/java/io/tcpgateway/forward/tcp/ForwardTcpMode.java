package io.tcpgateway.forward.tcp;

/**
 * How client connections map onto upstream connections.
 */
public enum ForwardTcpMode {

	/** One upstream connection per client; frames go both ways as they come. */
	PER_CONNECTION,

	/** A pool of upstream connections shared by every client, one reply per request. */
	SHARED

}
