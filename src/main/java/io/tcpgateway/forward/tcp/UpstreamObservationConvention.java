package io.tcpgateway.forward.tcp;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/** Names the bridge's observations and their keys. */
interface UpstreamObservationConvention extends ObservationConvention<UpstreamObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof UpstreamObservationContext;
	}

}
