package io.tcpgateway.forward.tcp;

/**
 * What the bridge counts for one upstream; its meters carry the {@code upstream} tag.
 */
interface UpstreamMetrics {

	/** Counts nothing. */
	UpstreamMetrics NONE = new UpstreamMetrics() {
	};

	default void error(ForwardTcpMetrics.Error reason) {
	}

	default void connected() {
	}

	/**
	 * @param bytes the frame's payload size
	 */
	default void sent(int bytes) {
	}

	/**
	 * @param bytes the frame's payload size
	 */
	default void received(int bytes) {
	}

	/**
	 * @param nanos from a request written upstream to its reply
	 */
	default void replied(long nanos) {
	}

	/** The upstream is gone: its meters are removed. */
	default void close() {
	}

}
