package io.tcpgateway.limits;

/**
 * What the gateway does with a client whose replies pile up because it does not read
 * them.
 */
public enum SlowConsumerPolicy {

	/**
	 * Stop reading from the client until its waiting replies drain below half the limit.
	 */
	BACKPRESSURE,

	/** Close the connection. */
	CLOSE

}
