package io.tcpgateway.flow;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.tcpgateway.connection.Connection;
import io.tcpgateway.observation.DefaultTcpRequestObservationConvention;
import io.tcpgateway.observation.TcpGatewayObservations;
import io.tcpgateway.observation.TcpRequestObservationContext;
import io.tcpgateway.observation.TcpRequestObservationConvention;

/**
 * Starts each request's observation ({@code tcp.gateway.request}), when the gateway
 * observes at all: otherwise nothing is made per request.
 */
final class RequestObservations {

	private static final TcpRequestObservationConvention DEFAULT = new DefaultTcpRequestObservationConvention();

	private final ObservationRegistry registry;

	private final boolean enabled;

	/** The application's convention, or {@code null} for the default. */
	private final TcpRequestObservationConvention custom;

	/**
	 * What answers, as the {@code handler} key says; set before the first frame is
	 * dispatched, published to the I/O threads by the dispatcher's volatile target.
	 */
	private String handler;

	RequestObservations(TcpGatewayObservations observations, TcpRequestObservationConvention custom, String handler) {
		this.registry = observations.registry();
		this.enabled = observations.enabled();
		this.custom = custom;
		this.handler = handler;
	}

	void handledBy(String handler) {
		this.handler = handler;
	}

	/**
	 * Start the observation of a request that has just been decoded. Its connection is
	 * taken from the connection itself, never from the message's headers, which are made
	 * only when read.
	 * @return the started observation, or {@code null} when not observed
	 */
	Observation start(GatewayConnectionContext context, int requestBytes) {
		if (!this.enabled) {
			return null;
		}
		Connection connection = context.connection();
		TcpRequestObservationContext observed = new TcpRequestObservationContext(connection.getConnectionId(),
				connection.remoteSocketAddress(), connection.session().settings().framing().toString(), this.handler,
				requestBytes);
		// started with no parent: each request is a trace of its own, whatever an I/O
		// thread has current (a scope an application left open)
		Observation observation = Observation.createNotStarted(this.custom, DEFAULT, () -> observed, this.registry)
			.parentObservation(null)
			.start();
		return observation.isNoop() ? null : observation;
	}

}
