package io.tcpgateway.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names a connection's observation and its keys; an application's bean of this type
 * replaces {@link DefaultTcpConnectionObservationConvention}.
 */
public interface TcpConnectionObservationConvention extends ObservationConvention<TcpConnectionObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof TcpConnectionObservationContext;
	}

}
