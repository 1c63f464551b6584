package io.tcpgateway.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names a request's observation and its keys; an application's bean of this type replaces
 * {@link DefaultTcpRequestObservationConvention}.
 */
public interface TcpRequestObservationConvention extends ObservationConvention<TcpRequestObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof TcpRequestObservationContext;
	}

}
