package io.tcpgateway.forward.tcp;

/**
 * What one upstream connection is bridged to: a client in per-connection mode, a pool
 * slot in shared mode.
 */
interface UpstreamLink {

	/**
	 * A connection to the upstream opened for this link, on the thread that opened it,
	 * before anything is read from it.
	 * @param connectionId the upstream connection's id
	 * @param upstream the upstream it goes to
	 */
	default void upstreamOpened(String connectionId, Upstream upstream) {
	}

	/**
	 * A frame arrived from the upstream; called in arrival order, one at a time.
	 * @param payload the frame's payload, without framing
	 */
	void upstreamMessage(byte[] payload);

	/**
	 * The upstream connection closed, after every frame read from it was handed to
	 * {@link #upstreamMessage}.
	 * @param upstream the upstream it went to
	 */
	void upstreamClosed(Upstream upstream);

}
