package io.tcpgateway.observation;

/**
 * When the gateway observes its requests and connections through the application's
 * {@code ObservationRegistry}.
 */
public enum ObservationsMode {

	/**
	 * Only when the application traces: a Micrometer Tracing {@code Tracer} bean is
	 * present and {@code management.tracing.sampling.probability} is not 0. Without
	 * tracing, an observation per request would only time it again, which the
	 * {@code tcp.gateway.reply.latency} timer already does at a fraction of the cost;
	 * sampling nothing, it would cost several times the gateway's own work per message
	 * for spans that are never exported.
	 */
	WHEN_TRACING,

	/** Whenever the application has an {@code ObservationRegistry}. */
	ALWAYS,

	/** Never: the gateway's own meters and logs only. */
	NEVER

}
