package io.tcpgateway.forward.tcp;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.tcpgateway.connection.EnumNames;
import io.tcpgateway.observation.TcpGatewayObservations;

/**
 * Opens the bridge's observations ({@link ForwardTcpObservationDocumentation}): an
 * exchange as the child of the observation current on the calling thread, a client's
 * upstream connection as the child of the client connection's; the parent is set
 * explicitly since they end on another thread (a reply, a close, the timeout sweep). With
 * observations off it hands out {@link Observation#NOOP} and allocates nothing.
 */
final class UpstreamObservations {

	/** What an exchange ended by, beyond the error reasons' names. */
	static final String SUCCESS = "success";

	static final String NOT_WRITTEN = "not-written";

	static final String UPSTREAM_CLOSED = "upstream-closed";

	static final String CLIENT_CLOSED = "client-closed";

	private final ObservationRegistry registry;

	private final boolean enabled;

	private final String mode;

	UpstreamObservations(TcpGatewayObservations observations, ForwardTcpMode mode) {
		this.registry = observations.registry();
		this.enabled = observations.enabled();
		this.mode = EnumNames.kebabCase(mode);
	}

	boolean enabled() {
		return this.enabled;
	}

	/**
	 * @return the observation current on this thread, {@code null} when there is none or
	 * observations are off
	 */
	Observation current() {
		return this.enabled ? this.registry.getCurrentObservation() : null;
	}

	/**
	 * A request is about to be written to a shared upstream connection.
	 * @return the started exchange, {@link Observation#NOOP} when off
	 */
	Observation exchange(Upstream upstream, String upstreamConnectionId, String clientConnectionId) {
		if (!this.enabled) {
			return Observation.NOOP;
		}
		return start(ForwardTcpObservationDocumentation.EXCHANGE, DefaultUpstreamObservationConvention.EXCHANGE,
				new UpstreamObservationContext(upstream.key(), this.mode, upstreamConnectionId, clientConnectionId),
				current());
	}

	/**
	 * A client's upstream connection opened.
	 * @param parent the client connection's observation, {@code null} for none
	 * @return the started observation, {@link Observation#NOOP} when off
	 */
	Observation connection(Observation parent, Upstream upstream, String upstreamConnectionId,
			String clientConnectionId) {
		if (!this.enabled) {
			return Observation.NOOP;
		}
		return start(ForwardTcpObservationDocumentation.CONNECTION, DefaultUpstreamObservationConvention.CONNECTION,
				new UpstreamObservationContext(upstream.key(), this.mode, upstreamConnectionId, clientConnectionId),
				parent);
	}

	private Observation start(ForwardTcpObservationDocumentation documentation,
			UpstreamObservationConvention convention, UpstreamObservationContext context, Observation parent) {
		return documentation.observation(null, convention, () -> context, this.registry)
			.parentObservation(parent)
			.start();
	}

	/**
	 * End an observation of the bridge; nothing for {@link Observation#NOOP}.
	 * @param outcome what it ended by
	 * @param error the failure, {@code null} when none
	 */
	static void stop(Observation observation, String outcome, Throwable error) {
		if (observation.isNoop()) {
			return;
		}
		if (observation.getContext() instanceof UpstreamObservationContext context) {
			context.outcome(outcome);
		}
		if (error != null) {
			observation.error(error);
		}
		observation.stop();
	}

}
