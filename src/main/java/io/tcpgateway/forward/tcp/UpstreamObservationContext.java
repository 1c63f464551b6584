package io.tcpgateway.forward.tcp;

import io.micrometer.observation.Observation;

/**
 * What an observation of the bridge knows: the upstream, the connections and, once it
 * ends, its outcome.
 */
final class UpstreamObservationContext extends Observation.Context {

	/** Until it ends: what a meter handler's long task timer is tagged with. */
	static final String UNKNOWN = "unknown";

	private final String upstream;

	private final String mode;

	private final String upstreamConnectionId;

	private final String clientConnectionId;

	private volatile String outcome = UNKNOWN;

	UpstreamObservationContext(String upstream, String mode, String upstreamConnectionId, String clientConnectionId) {
		this.upstream = upstream;
		this.mode = mode;
		this.upstreamConnectionId = upstreamConnectionId;
		this.clientConnectionId = clientConnectionId;
	}

	String upstream() {
		return this.upstream;
	}

	String mode() {
		return this.mode;
	}

	String upstreamConnectionId() {
		return this.upstreamConnectionId;
	}

	/**
	 * @return the client connection's id, {@code null} for a shared exchange whose client
	 * is not known
	 */
	String clientConnectionId() {
		return this.clientConnectionId;
	}

	String outcome() {
		return this.outcome;
	}

	void outcome(String outcome) {
		this.outcome = outcome;
	}

}
