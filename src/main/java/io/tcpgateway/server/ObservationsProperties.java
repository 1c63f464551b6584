package io.tcpgateway.server;

import io.tcpgateway.observation.ObservationsMode;

/**
 * Whether requests and connections are observed (Micrometer Observation, and so traced
 * when the application has a tracing bridge).
 */
public class ObservationsProperties {

	/**
	 * When to observe requests and connections: when-tracing (only with a Micrometer
	 * Tracing tracer that samples), always, or never.
	 */
	private ObservationsMode mode = ObservationsMode.WHEN_TRACING;

	public ObservationsMode getMode() {
		return this.mode;
	}

	public void setMode(ObservationsMode mode) {
		this.mode = mode;
	}

}
