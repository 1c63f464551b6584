package io.tcpgateway.observation;

import io.micrometer.common.KeyValues;
import io.tcpgateway.observation.TcpGatewayObservationDocumentation.RequestHighCardinalityKeyNames;
import io.tcpgateway.observation.TcpGatewayObservationDocumentation.RequestLowCardinalityKeyNames;

/**
 * Names a request's observation {@code tcp.gateway.request}, with the keys
 * {@link TcpGatewayObservationDocumentation#REQUEST} lists.
 */
public class DefaultTcpRequestObservationConvention implements TcpRequestObservationConvention {

	/** The observation's name. */
	public static final String NAME = "tcp.gateway.request";

	private static final String UNKNOWN = "unknown";

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(TcpRequestObservationContext context) {
		return "tcp request";
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(TcpRequestObservationContext context) {
		TcpRequestOutcome outcome = context.getOutcome();
		return KeyValues.of(RequestLowCardinalityKeyNames.FRAMING.withValue(context.getFraming()),
				RequestLowCardinalityKeyNames.HANDLER.withValue(context.getHandler()),
				RequestLowCardinalityKeyNames.OUTCOME.withValue((outcome != null) ? outcome.value() : UNKNOWN));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(TcpRequestObservationContext context) {
		return KeyValues.of(RequestHighCardinalityKeyNames.CONNECTION_ID.withValue(context.getConnectionId()),
				RequestHighCardinalityKeyNames.CLIENT_ADDRESS.withValue(context.getClient().getHostString()),
				RequestHighCardinalityKeyNames.CLIENT_PORT.withValue(Integer.toString(context.getClient().getPort())),
				RequestHighCardinalityKeyNames.REQUEST_BYTES.withValue(Integer.toString(context.getRequestBytes())),
				RequestHighCardinalityKeyNames.REPLY_BYTES.withValue(Long.toString(context.getReplyBytes())));
	}

}
