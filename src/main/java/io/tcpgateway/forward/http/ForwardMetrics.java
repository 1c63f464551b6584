package io.tcpgateway.forward.http;

/**
 * Counts the bridge's failed requests; {@link #NONE} without Micrometer.
 */
interface ForwardMetrics {

	/** Counts nothing. */
	ForwardMetrics NONE = (reason) -> {
	};

	void failed(ForwardError reason);

}
