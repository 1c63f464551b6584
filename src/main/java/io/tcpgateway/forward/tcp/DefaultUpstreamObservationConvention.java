package io.tcpgateway.forward.tcp;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.tcpgateway.forward.tcp.ForwardTcpObservationDocumentation.HighCardinalityKeys;
import io.tcpgateway.forward.tcp.ForwardTcpObservationDocumentation.LowCardinalityKeys;

/**
 * The names of {@link ForwardTcpObservationDocumentation}: the upstream, the mode and the
 * outcome for meters and traces, the connection ids for traces.
 */
final class DefaultUpstreamObservationConvention implements UpstreamObservationConvention {

	/** For the exchanges of shared mode. */
	static final DefaultUpstreamObservationConvention EXCHANGE = new DefaultUpstreamObservationConvention(
			ForwardTcpObservationDocumentation.EXCHANGE.getName());

	/** For the upstream connections of per-connection mode. */
	static final DefaultUpstreamObservationConvention CONNECTION = new DefaultUpstreamObservationConvention(
			ForwardTcpObservationDocumentation.CONNECTION.getName());

	private final String name;

	private DefaultUpstreamObservationConvention(String name) {
		this.name = name;
	}

	@Override
	public String getName() {
		return this.name;
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(UpstreamObservationContext context) {
		return KeyValues.of(KeyValue.of(LowCardinalityKeys.UPSTREAM, context.upstream()),
				KeyValue.of(LowCardinalityKeys.MODE, context.mode()),
				KeyValue.of(LowCardinalityKeys.OUTCOME, context.outcome()));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(UpstreamObservationContext context) {
		KeyValues values = KeyValues
			.of(KeyValue.of(HighCardinalityKeys.UPSTREAM_CONNECTION_ID, context.upstreamConnectionId()));
		return (context.clientConnectionId() != null)
				? values.and(KeyValue.of(HighCardinalityKeys.CLIENT_CONNECTION_ID, context.clientConnectionId()))
				: values;
	}

}
